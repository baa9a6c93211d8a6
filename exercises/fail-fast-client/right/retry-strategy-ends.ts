// Right: the client ends itself after 8 attempts 60 ms apart, and maxRetriesPerRequest: null
// keeps the GET waiting until then.
import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({
    retryStrategy: (times) => (times > 8 ? null : 60),
    maxRetriesPerRequest: null,
  });
  redis.on('error', () => {});
  try {
    const value = await redis.get(key);
    return value ?? fallback;
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
