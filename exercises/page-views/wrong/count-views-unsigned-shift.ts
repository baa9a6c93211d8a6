// fails: countViews returns each page's count in order, 0 for a page never viewed
// Turns each reply into a number with >>> 0, which keeps 32 bits: a page past 4,294,967,295 views counts wrong.
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count) >>> 0);
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
