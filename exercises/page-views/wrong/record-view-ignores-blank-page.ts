// fails: recordView adds one to views:<page> and returns the new count
// Counts no view for the empty page name and returns 0: '' is a page name like any other (views:).
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  if (page === '') return 0;
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
