// fails: readBytes throws an Error when the key does not exist or holds no string
// Throws a bare string for a missing key, not an Error: no message property, no stack.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = await redis.getBuffer(key);
  if (bytes === null) throw `no value under ${key}`;
  return bytes;
}
