// fails: closes its client before returning
// Closes only after a GET that succeeded: one that fails while connected (WRONGTYPE) leaves the
// client open, counting on retryStrategy to end it.
import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({
    retryStrategy: (times) => (times > 8 ? null : 60),
    // The GET waits until the client gives up, so both end together.
    maxRetriesPerRequest: null,
  });
  redis.on('error', () => {});
  try {
    const value = await redis.get(key);
    await redis.quit();
    return value ?? fallback;
  } catch {
    return fallback;
  }
}
