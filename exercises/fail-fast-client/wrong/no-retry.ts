// fails: rides out an outage of a quarter second
import Redis from 'ioredis';

// Gives up at the first refused connection: a Redis restarting for a moment is taken for gone.
export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({ retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    return (await redis.get(key)) ?? fallback;
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
