import type Redis from 'ioredis';

export async function countVisit(redis: Redis, page: string): Promise<number> {
  return redis.incr(`visits:${page}`);
}
