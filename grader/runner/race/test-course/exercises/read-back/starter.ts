import type Redis from 'ioredis';

export async function writeThenRead(redis: Redis, key: string): Promise<string | null> {
  // TODO: SET key blue, then return what GET key answers.
  void redis;
  void key;
  return null;
}
