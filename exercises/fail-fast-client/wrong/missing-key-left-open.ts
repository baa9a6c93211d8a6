// fails: closes its client before returning
// Returns early for a missing key, before the disconnect() written for the found one.
import Redis from 'ioredis';

const OPTIONS = {
  retryStrategy: (times: number) => Math.min(times * 50, 200),
  maxRetriesPerRequest: 4,
};

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis(OPTIONS);
  redis.on('error', () => {});
  let value: string | null;
  try {
    value = await redis.get(key);
  } catch {
    redis.disconnect();
    return fallback;
  }
  if (value === null) return fallback;
  redis.disconnect();
  return value;
}
