// fails: returns the value of the key, or the fallback when there is none
import Redis from 'ioredis';

// Without the offline queue, a command sent before the client is ready fails at once, Redis
// there or not: the GET never reaches it.
export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({ enableOfflineQueue: false, retryStrategy: () => 100 });
  redis.on('error', () => {});
  try {
    return (await redis.get(key)) ?? fallback;
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
