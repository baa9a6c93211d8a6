import type Redis from 'ioredis';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// As watch-in-the-loop, but waits a moment before each retry, as code under contention does.
export async function addPoints(redis: Redis, user: string, points: number): Promise<number> {
  const key = `points:${user}`;
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) await pause(10 * attempt);
    await redis.watch(key);
    const total = Number((await redis.get(key)) ?? 0) + points;
    if (await redis.multi().set(key, total).exec()) return total;
  }
}
