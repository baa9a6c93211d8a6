// fails: readBytes throws an Error when the key does not exist or holds no string
// Remembers the keys GET answered WRONGTYPE for and throws for them without asking again: a
// hash replaced by a string is never read.
import type Redis from 'ioredis';

const notStrings = new Set<string>();

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  if (notStrings.has(key)) throw new Error(`${key} does not hold a string`);
  let bytes: Buffer | null;
  try {
    bytes = await redis.getBuffer(key);
  } catch (error) {
    if (String(error).includes('WRONGTYPE')) notStrings.add(key);
    throw error;
  }
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  return bytes;
}
