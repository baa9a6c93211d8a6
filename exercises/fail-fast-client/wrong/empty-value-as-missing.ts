// fails: returns the value of the key, or the fallback when there is none
// || for ??: a setting stored as '' reads as the fallback.
import Redis from 'ioredis';

const OPTIONS = {
  retryStrategy: (times: number) => Math.min(times * 50, 200),
  maxRetriesPerRequest: 4,
};

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis(OPTIONS);
  redis.on('error', () => {});
  try {
    return (await redis.get(key)) || fallback;
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
