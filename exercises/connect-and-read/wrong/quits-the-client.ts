// fails: ping returns the reply to PING
import type Redis from 'ioredis';

// Tidy, but the client is not its to close: the caller's next command would fail.
export async function ping(redis: Redis): Promise<string> {
  const reply = await redis.ping();
  await redis.quit();
  return reply;
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = await redis.getBuffer(key);
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  return bytes;
}
