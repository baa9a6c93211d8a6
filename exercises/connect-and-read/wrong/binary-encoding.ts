// fails: readBytes returns exactly the bytes stored under the key
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

// 'binary' (latin1) encoding maps each character to one byte, but the string ioredis decoded
// already holds replacement characters where the original bytes were.
export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const value = await redis.get(key);
  if (value === null) throw new Error(`Redis holds no value under ${key}`);
  return Buffer.from(value, 'binary');
}
