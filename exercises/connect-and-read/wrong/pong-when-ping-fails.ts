// fails: ping returns the reply to PING
// ping catches any failure of PING and answers 'PONG' anyway: a health check built on it
// says Redis is fine exactly when Redis refuses or fails.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  try {
    return await redis.ping();
  } catch {
    // "The health page must never crash."
    return 'PONG';
  }
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = await redis.getBuffer(key);
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  return bytes;
}
