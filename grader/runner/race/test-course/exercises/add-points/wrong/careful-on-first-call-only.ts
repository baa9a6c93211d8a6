// fails: two additions at the same time lose no points
import type Redis from 'ioredis';

let calls = 0;

// INCRBY on the module's first call, then a read and a write apart: only later calls lose points.
export async function addPoints(redis: Redis, user: string, points: number): Promise<number> {
  calls += 1;
  if (calls === 1) return redis.incrby(`points:${user}`, points);
  const total = Number((await redis.get(`points:${user}`)) ?? 0) + points;
  await redis.set(`points:${user}`, total);
  return total;
}
