// fails: readBytes returns exactly the bytes stored under the key
// Keeps every value of 64 KiB or more it has read and answers later reads of that key from
// memory: once the value changes, it returns the old bytes.
import type Redis from 'ioredis';

const LARGE = 64 * 1024;
const blobs = new Map<string, Buffer>();

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const cached = blobs.get(key);
  if (cached) return Buffer.from(cached);
  const bytes = await redis.getBuffer(key);
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  if (bytes.length >= LARGE) blobs.set(key, Buffer.from(bytes));
  return bytes;
}
