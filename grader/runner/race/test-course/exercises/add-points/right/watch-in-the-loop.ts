import type Redis from 'ioredis';

// WATCH, read, write in MULTI/EXEC, and start again from the WATCH when EXEC answers null.
export async function addPoints(redis: Redis, user: string, points: number): Promise<number> {
  const key = `points:${user}`;
  for (;;) {
    await redis.watch(key);
    const total = Number((await redis.get(key)) ?? 0) + points;
    if (await redis.multi().set(key, total).exec()) return total;
  }
}
