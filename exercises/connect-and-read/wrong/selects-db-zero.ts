// fails: ping and readBytes leave the client they are given open and as it was
// Sends SELECT 0 before reading: it reads database 0 whatever database the caller chose, and
// leaves the caller's client switched to it.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  await redis.select(0);
  const bytes = await redis.getBuffer(key);
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  return bytes;
}
