// fails: two additions at the same time lose no points
import type Redis from 'ioredis';

// Wrong without any race: it adds the points twice.
export async function addPoints(redis: Redis, user: string, points: number): Promise<number> {
  await redis.incrby(`points:${user}`, points);
  return redis.incrby(`points:${user}`, points);
}
