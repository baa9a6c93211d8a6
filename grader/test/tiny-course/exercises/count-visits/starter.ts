import type Redis from 'ioredis';

export async function countVisit(redis: Redis, page: string): Promise<number> {
  void redis;
  void page;
  return 0;
}
