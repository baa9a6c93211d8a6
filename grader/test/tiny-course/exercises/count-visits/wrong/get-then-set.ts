// fails: a visit is one INCR, so that none is lost
import type Redis from 'ioredis';

// Two clients counting at once both read the same number, and one visit is lost.
export async function countVisit(redis: Redis, page: string): Promise<number> {
  const count = Number((await redis.get(`visits:${page}`)) ?? 0) + 1;
  await redis.set(`visits:${page}`, count);
  return count;
}
