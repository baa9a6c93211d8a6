// fails: returns the value of the key, or the fallback when there is none
import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({
    retryStrategy: (times) => Math.min(times * 50, 200),
    maxRetriesPerRequest: 4,
  });
  redis.on('error', () => {});
  try {
    // Making sure the key is there first: KEYS walks every key Redis holds.
    const [found] = await redis.keys(key);
    return found === undefined ? fallback : ((await redis.get(found)) ?? fallback);
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
