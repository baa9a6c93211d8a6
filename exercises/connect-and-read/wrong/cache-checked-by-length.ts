// fails: readBytes returns exactly the bytes stored under the key
// Remembers the values it read and answers from memory while STRLEN is unchanged: a value
// replaced by another of the same length comes back old.
import type Redis from 'ioredis';

const remembered = new Map<string, Buffer>();

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const known = remembered.get(key);
  if (known && known.length > 0 && (await redis.strlen(key)) === known.length) {
    return Buffer.from(known);
  }
  const bytes = await redis.getBuffer(key);
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  remembered.set(key, Buffer.from(bytes));
  return bytes;
}
