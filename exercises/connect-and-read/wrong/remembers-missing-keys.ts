// fails: readBytes throws an Error when the key does not exist or holds no string
// Remembers every key it found missing and throws for it later without asking Redis:
// a key created since is never read.
import type Redis from 'ioredis';

const missing = new Set<string>();

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  if (missing.has(key)) throw new Error(`Redis holds no value under ${key}`);
  const bytes = await redis.getBuffer(key);
  if (bytes === null) {
    missing.add(key);
    throw new Error(`Redis holds no value under ${key}`);
  }
  return bytes;
}
