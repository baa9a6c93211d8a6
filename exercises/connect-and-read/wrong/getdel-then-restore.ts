// fails: readBytes returns exactly the bytes stored under the key
// Reads with GETDEL and writes the bytes back with SET: the key loses its expiry (and is
// missing for other clients in between).
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = await redis.getdelBuffer(key);
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  await redis.set(key, bytes);
  return bytes;
}
