// fails: three additions at the same time lose no points
import type Redis from 'ioredis';

// WATCHes once, before the retry loop: EXEC forgets every WATCH, so a retry runs unwatched and
// can overwrite another addition made between its read and its write.
export async function addPoints(redis: Redis, user: string, points: number): Promise<number> {
  const key = `points:${user}`;
  await redis.watch(key);
  for (;;) {
    const total = Number((await redis.get(key)) ?? 0) + points;
    if (await redis.multi().set(key, total).exec()) return total;
  }
}
