// fails: returns the value of the key, or the fallback when there is none
// Returns value.trim(): a setting stored with a space at either end comes back changed.
import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({
    retryStrategy: (times) => Math.min(times * 50, 200),
    maxRetriesPerRequest: 4,
  });
  redis.on('error', () => {});
  try {
    const value = await redis.get(key);
    return value === null ? fallback : value.trim();
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
