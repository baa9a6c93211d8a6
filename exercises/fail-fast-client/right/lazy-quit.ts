import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({
    lazyConnect: true,
    retryStrategy: (times) => (times > 8 ? null : 100),
    maxRetriesPerRequest: 3,
  });
  let failures = 0;
  redis.on('error', () => {
    failures++;
  });
  try {
    // connect() fails at the first refusal, while the client goes on trying: the GET decides.
    await redis.connect().catch(() => {});
    const value = await redis.get(key);
    return value === null ? fallback : value;
  } catch {
    console.log(`Redis away after ${failures} attempts`);
    return fallback;
  } finally {
    await redis.quit();
  }
}
