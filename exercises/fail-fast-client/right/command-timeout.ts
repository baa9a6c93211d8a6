// Right: ioredis's own commandTimeout (800 ms, offline queue included) is the deadline; the
// client reconnects every 50 ms with no retry limit per command, and is closed in finally.
import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({
    retryStrategy: () => 50,
    maxRetriesPerRequest: null,
    commandTimeout: 800,
  });
  redis.on('error', () => {});
  try {
    const value = await redis.get(key);
    return value === null ? fallback : value;
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
