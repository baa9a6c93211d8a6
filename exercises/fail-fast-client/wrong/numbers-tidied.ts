// fails: returns the value of the key, or the fallback when there is none
// Turns a value of digits into a number and back, so '007' comes back as '7': return the value as stored.
import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({
    retryStrategy: (times) => Math.min(times * 50, 200),
    maxRetriesPerRequest: 4,
  });
  redis.on('error', () => {});
  try {
    const value = await redis.get(key);
    if (value === null) return fallback;
    return /^\d+$/.test(value) ? String(Number(value)) : value;
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
