// fails: readBytes throws an Error when the key does not exist or holds no string
// When GET answers nil for ' name ', it reads 'name' instead: a missing key is answered with
// another key's bytes rather than an Error.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = (await redis.getBuffer(key)) ?? (await redis.getBuffer(key.trim()));
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  return bytes;
}
