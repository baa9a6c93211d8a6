// fails: returns the value of the key, or the fallback when there is none
// Parses the value as JSON when it can, so '"on"' comes back as 'on' and 'null' as the fallback: return the value as stored.
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
    try {
      // Settings are often JSON: a quoted string, a number.
      const parsed: unknown = JSON.parse(value);
      return parsed === null ? fallback : String(parsed);
    } catch {
      return value;
    }
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
