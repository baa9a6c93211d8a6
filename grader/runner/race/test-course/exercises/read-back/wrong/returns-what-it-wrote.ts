import type Redis from 'ioredis';

// Reads the key but returns the value it wrote, which is GET's answer only when nobody else wrote.
export async function writeThenRead(redis: Redis, key: string): Promise<string | null> {
  await redis.set(key, 'blue');
  await redis.get(key);
  return 'blue';
}
