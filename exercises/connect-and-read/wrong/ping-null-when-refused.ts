// fails: ping returns the reply to PING
// Answers null when PING fails, as "no reply": Redis answered with an error, which must reach the caller.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  try {
    return await redis.ping();
  } catch {
    return null as unknown as string;
  }
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = await redis.getBuffer(key);
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  return bytes;
}
