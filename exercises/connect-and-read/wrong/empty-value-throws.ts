// fails: readBytes returns an empty Buffer for a key that holds zero bytes
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

// `!bytes.length` takes a key holding an empty string for a missing key.
export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = await redis.getBuffer(key);
  if (!bytes?.length) throw new Error(`no value under ${key}`);
  return bytes;
}
