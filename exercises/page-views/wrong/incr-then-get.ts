// fails: views recorded at the same time are all counted
import type Redis from 'ioredis';

// Counts with INCR, then reads the count back with GET: another view can land in between, and
// both calls return the same number.
export async function recordView(redis: Redis, page: string): Promise<number> {
  const key = `views:${page}`;
  await redis.incr(key);
  return Number(await redis.get(key));
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
