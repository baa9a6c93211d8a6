// fails: returns the value of the key, or the fallback when there is none
// GETEX … EX 5 is no read timeout: it gives the setting itself an expiry of 5 s.
import Redis from 'ioredis';

const OPTIONS = {
  retryStrategy: (times: number) => Math.min(times * 50, 200),
  maxRetriesPerRequest: 4,
};

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis(OPTIONS);
  redis.on('error', () => {});
  try {
    return (await redis.getex(key, 'EX', 5)) ?? fallback;
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
