// fails: readBytes returns exactly the bytes stored under the key
// Drops zero bytes at the end of the value, taking them for C string padding: they are bytes Redis holds.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = await redis.getBuffer(key);
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end -= 1;
  return bytes.subarray(0, end);
}
