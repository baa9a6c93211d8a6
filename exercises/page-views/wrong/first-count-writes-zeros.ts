// fails: countViews returns each page's count in order, 0 for a page never viewed
// A server's first countViews writes SET views:<page> 0 NX for every page with no counter:
// a read that writes keys.
import type Redis from 'ioredis';

let initialised = false;

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const keys = pages.map((page) => `views:${page}`);
  const counts = await redis.mget(keys);
  if (!initialised) {
    initialised = true;
    for (const [index, key] of keys.entries()) {
      if (counts[index] === null) await redis.set(key, 0, 'NX');
    }
  }
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
