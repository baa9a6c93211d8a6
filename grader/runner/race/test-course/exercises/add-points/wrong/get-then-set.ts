// fails: two additions at the same time lose no points
import type Redis from 'ioredis';

// Reads, adds, writes: two additions that read before either writes lose one.
export async function addPoints(redis: Redis, user: string, points: number): Promise<number> {
  const total = Number((await redis.get(`points:${user}`)) ?? 0) + points;
  await redis.set(`points:${user}`, total);
  return total;
}
