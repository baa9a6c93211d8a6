// fails: stops trying to connect once it has returned
// Closes the client only once its GET settles: when its own deadline wins, the client is left
// reconnecting, seconds apart, for as long as Redis is away.
import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({
    retryStrategy: (times) => 100 * 5 ** (times - 1),
    maxRetriesPerRequest: null,
  });
  redis.on('error', () => {});
  const read = redis
    .get(key)
    .then((value) => value ?? fallback)
    .catch(() => fallback)
    .finally(() => redis.disconnect());
  const deadline = new Promise<string>((resolve) => setTimeout(() => resolve(fallback), 900));
  return Promise.race([read, deadline]);
}
