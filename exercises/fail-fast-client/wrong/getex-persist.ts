// fails: returns the value of the key, or the fallback when there is none
// Reads with GETEX … PERSIST: a setting that had an expiry loses it on its first read.
import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({
    retryStrategy: (times) => Math.min(times * 50, 200),
    maxRetriesPerRequest: 4,
  });
  redis.on('error', () => {});
  try {
    return (await redis.getex(key, 'PERSIST')) ?? fallback;
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
