// fails: lets no error event go unhandled while Redis is away
import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({
    retryStrategy: (times) => Math.min(times * 50, 200),
    maxRetriesPerRequest: 4,
  });
  try {
    return (await redis.get(key)) ?? fallback;
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
