// fails: ping and readBytes leave the client they are given open and as it was
// WATCHes the key before GET and never UNWATCHes it: the caller's next transaction on that
// client aborts whenever the key changes.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  await redis.watch(key);
  const bytes = await redis.getBuffer(key);
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  return bytes;
}
