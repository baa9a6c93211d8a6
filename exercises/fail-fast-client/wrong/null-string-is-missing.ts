// fails: returns the value of the key, or the fallback when there is none
// Takes the string 'null' (or 'undefined') for a missing setting: only a missing key answers the fallback.
import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({
    retryStrategy: (times) => Math.min(times * 50, 200),
    maxRetriesPerRequest: 4,
  });
  redis.on('error', () => {});
  try {
    const value = await redis.get(key);
    return value === null || value === 'null' || value === 'undefined' ? fallback : value;
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
