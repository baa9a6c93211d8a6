// fails: countViews returns each page's count in order, 0 for a page never viewed
// Drops repeated pages before the MGET and returns its answer as is: a page listed twice
// gets one count, and the pages after it get the wrong ones.
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const unique = [...new Set(pages)];
  const counts = await redis.mget(unique.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
