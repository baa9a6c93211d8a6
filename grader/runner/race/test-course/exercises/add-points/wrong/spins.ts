// errors: two additions at the same time lose no points
import type Redis from 'ioredis';

// Never finishes once it has read a total someone else has already changed.
export async function addPoints(redis: Redis, user: string, points: number): Promise<number> {
  const before = await redis.get(`points:${user}`);
  const total = await redis.incrby(`points:${user}`, points);
  if (Number(before ?? 0) + points !== total) for (;;);
  return total;
}
