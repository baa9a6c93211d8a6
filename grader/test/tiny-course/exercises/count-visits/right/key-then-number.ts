import type Redis from 'ioredis';

// The key built apart and the reply passed through Number: still one INCR, so still right.
export async function countVisit(redis: Redis, page: string): Promise<number> {
  const key = ['visits', page].join(':');
  return redis.incr(key).then(Number);
}
