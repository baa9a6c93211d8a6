// fails: ping returns the reply to PING
// Returns the Error of a failed PING instead of throwing it: the caller gets a value, not a failure.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping().catch((error: Error) => error as unknown as string);
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = await redis.getBuffer(key);
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  return bytes;
}
