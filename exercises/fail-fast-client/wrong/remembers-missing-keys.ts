// fails: returns the value of the key, or the fallback when there is none
// Remembers which keys were missing: a setting created later is never seen.
import Redis from 'ioredis';

const OPTIONS = {
  retryStrategy: (times: number) => Math.min(times * 50, 200),
  maxRetriesPerRequest: 4,
};

const missing = new Set<string>();

export async function readSetting(key: string, fallback: string): Promise<string> {
  if (missing.has(key)) return fallback;
  const redis = new Redis(OPTIONS);
  redis.on('error', () => {});
  try {
    const value = await redis.get(key);
    if (value === null) missing.add(key);
    return value ?? fallback;
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
