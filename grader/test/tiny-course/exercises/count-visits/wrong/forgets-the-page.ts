// fails: the count is kept under visits:<page>
import type Redis from 'ioredis';

export async function countVisit(redis: Redis, _page: string): Promise<number> {
  return redis.incr('visits');
}
