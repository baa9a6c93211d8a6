// Right: no reconnection by ioredis; a connect() loop of its own until a 700 ms deadline.
import Redis from 'ioredis';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
  });
  redis.on('error', () => {});
  const deadline = Date.now() + 700;
  try {
    for (;;) {
      try {
        await redis.connect();
        break;
      } catch {
        if (Date.now() + 50 > deadline) return fallback;
        await sleep(50);
      }
    }
    const value = await redis.get(key);
    return value === null ? fallback : value;
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
