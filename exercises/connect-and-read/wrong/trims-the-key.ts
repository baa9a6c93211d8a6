// fails: readBytes returns exactly the bytes stored under the key
// Trims the key before reading it: for ' name ' it reads 'name', another key.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const name = key.trim();
  const bytes = await redis.getBuffer(name);
  if (bytes === null) throw new Error(`Redis holds no value under ${name}`);
  return bytes;
}
