// fails: returns the value of the key, or the fallback when there is none
import Redis from 'ioredis';

// Settings rarely change, so why ask Redis twice? Because they do change.
const known = new Map<string, string>();

export async function readSetting(key: string, fallback: string): Promise<string> {
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  const redis = new Redis({
    retryStrategy: (times) => Math.min(times * 50, 200),
    maxRetriesPerRequest: 4,
  });
  redis.on('error', () => {});
  try {
    const value = await redis.get(key);
    if (value !== null) known.set(key, value);
    return value ?? fallback;
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
