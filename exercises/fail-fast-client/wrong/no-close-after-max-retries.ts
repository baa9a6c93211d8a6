// fails: stops trying to connect once it has returned
// Skips disconnect() when the GET ran out of retries, taking the client for closed: it goes on
// reconnecting every 10 s.
import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({
    retryStrategy: (times) => (times <= 4 ? times * 50 : 10_000),
    maxRetriesPerRequest: 4,
  });
  redis.on('error', () => {});
  let closeIt = true;
  try {
    return (await redis.get(key)) ?? fallback;
  } catch (error) {
    if (error instanceof Error && /max retries/i.test(error.message)) closeIt = false;
    return fallback;
  } finally {
    if (closeIt) redis.disconnect();
  }
}
