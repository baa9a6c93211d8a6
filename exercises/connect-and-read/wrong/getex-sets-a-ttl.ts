// fails: readBytes reads the key it is given, without searching for keys
// Reads with GETEX key EX 3600: every read gives the key an expiry of an hour, or moves the
// one it had.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = await redis.getexBuffer(key, 'EX', 3600);
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  return bytes;
}
