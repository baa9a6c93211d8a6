import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({
    // Wait 50 ms, then 100, 150, and 200 ms between attempts from then on.
    retryStrategy: (times) => Math.min(times * 50, 200),
    // A command waits through four reconnections (about half a second here), then fails.
    maxRetriesPerRequest: 4,
  });
  // Without a listener, every refused attempt is printed as an unhandled error.
  redis.on('error', () => {});
  try {
    return (await redis.get(key)) ?? fallback;
  } catch {
    return fallback;
  } finally {
    // Stops the reconnection loop too: nothing keeps trying once the answer is given.
    redis.disconnect();
  }
}
