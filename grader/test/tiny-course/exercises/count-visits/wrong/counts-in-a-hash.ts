// fails: error
import type Redis from 'ioredis';

// visits:<page> holds a number, as another client's INCR leaves it: HINCRBY there is WRONGTYPE.
export async function countVisit(redis: Redis, page: string): Promise<number> {
  return redis.hincrby(`visits:${page}`, 'count', 1);
}
