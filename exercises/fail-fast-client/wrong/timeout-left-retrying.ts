// fails: stops trying to connect once it has returned
import Redis from 'ioredis';

// Answers in time, but the client it made goes on reconnecting behind the answer: it is closed
// only once its GET settles, and with ioredis's defaults that takes over a minute.
export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis();
  redis.on('error', () => {});
  const timeout = new Promise<string>((resolve) => setTimeout(() => resolve(fallback), 800));
  const read = redis
    .get(key)
    .then((value) => value ?? fallback)
    .finally(() => redis.disconnect());
  return Promise.race([read, timeout]);
}
