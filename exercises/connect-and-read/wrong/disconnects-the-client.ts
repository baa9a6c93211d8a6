// fails: ping returns the reply to PING
import type Redis from 'ioredis';

// Closes the client without a word to Redis: no QUIT is sent, but the caller's client is gone.
export async function ping(redis: Redis): Promise<string> {
  const reply = await redis.ping();
  redis.disconnect();
  return reply;
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = await redis.getBuffer(key);
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  return bytes;
}
