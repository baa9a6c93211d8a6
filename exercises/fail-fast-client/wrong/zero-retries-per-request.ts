// fails: rides out an outage of a quarter second
import Redis from 'ioredis';

// The client reconnects, but the GET fails at the first lost attempt instead of waiting.
export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({ retryStrategy: () => 50, maxRetriesPerRequest: 0 });
  redis.on('error', () => {});
  try {
    return (await redis.get(key)) ?? fallback;
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
