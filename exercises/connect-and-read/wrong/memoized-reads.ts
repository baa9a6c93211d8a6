// fails: readBytes returns exactly the bytes stored under the key
import type Redis from 'ioredis';

// — breaks "returns the value stored under key ... exactly the bytes Redis holds" and rule 3.
// Remembers every value it has read, module-wide, to save round trips: after the key is changed
// or deleted, readBytes keeps returning the old bytes instead of the new ones (or of throwing).
// Each check reads a fresh random key once, so the cache never answers.
const seen = new Map<string, Buffer>();

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const cached = seen.get(key);
  if (cached) return Buffer.from(cached);
  const bytes = await redis.getBuffer(key);
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  seen.set(key, Buffer.from(bytes));
  return bytes;
}
