// The read is an MGET of the one key; attempts 100 ms apart, five retries per command; the
// client is closed with quit() when connected (a clean QUIT) and disconnect() otherwise.
import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({ retryStrategy: () => 100, maxRetriesPerRequest: 5 });
  redis.on('error', () => {});
  try {
    const [value] = await redis.mget(key);
    return value ?? fallback;
  } catch {
    return fallback;
  } finally {
    if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
    else redis.disconnect();
  }
}
