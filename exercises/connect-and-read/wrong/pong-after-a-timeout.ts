// fails: ping returns the reply to PING
// ping gives Redis 200 ms, then answers 'PONG' of its own: a stalled Redis is reported as
// answering.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fallback = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('PONG'), 200);
  });
  try {
    return await Promise.race([redis.ping(), fallback]);
  } finally {
    clearTimeout(timer);
  }
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = await redis.getBuffer(key);
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  return bytes;
}
