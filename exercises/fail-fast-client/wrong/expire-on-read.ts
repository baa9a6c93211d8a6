// fails: returns the value of the key, or the fallback when there is none
// Each read also sends EXPIRE key 3600 GT: a setting that expires soon is pushed an hour away.
import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({
    retryStrategy: (times) => Math.min(times * 50, 200),
    maxRetriesPerRequest: 4,
  });
  redis.on('error', () => {});
  try {
    const replies = await redis.multi().get(key).expire(key, 3600, 'GT').exec();
    const [error, value] = replies?.[0] ?? [null, null];
    if (error) throw error;
    return (value as string | null) ?? fallback;
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
