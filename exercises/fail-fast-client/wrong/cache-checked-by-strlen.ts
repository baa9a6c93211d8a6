// fails: returns the value of the key, or the fallback when there is none
// Answers a remembered value while STRLEN is unchanged: a new value of the same length is never seen.
import Redis from 'ioredis';

const seen = new Map<string, string>();

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({
    retryStrategy: (times) => Math.min(times * 50, 200),
    maxRetriesPerRequest: 4,
  });
  redis.on('error', () => {});
  try {
    const known = seen.get(key);
    if (known !== undefined && (await redis.strlen(key)) === known.length) return known;
    const value = await redis.get(key);
    if (value === null) {
      seen.delete(key);
      return fallback;
    }
    seen.set(key, value);
    return value;
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
