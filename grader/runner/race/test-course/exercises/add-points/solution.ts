import type Redis from 'ioredis';

export async function addPoints(redis: Redis, user: string, points: number): Promise<number> {
  return redis.incrby(`points:${user}`, points);
}
