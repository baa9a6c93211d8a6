import type Redis from 'ioredis';

export async function writeThenRead(redis: Redis, key: string): Promise<string | null> {
  await redis.set(key, 'blue');
  return redis.get(key);
}
