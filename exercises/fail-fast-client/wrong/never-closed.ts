// fails: closes its client before returning
import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({
    retryStrategy: (times) => Math.min(times * 50, 200),
    maxRetriesPerRequest: 4,
  });
  redis.on('error', () => {});
  try {
    return (await redis.get(key)) ?? fallback;
  } catch {
    redis.disconnect();
    return fallback;
  }
}
