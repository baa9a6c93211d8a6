// fails: countViews returns each page's count in order, 0 for a page never viewed
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

// Remembers the answer for a list of pages it has seen: the second call misses every new view.
const cache = new Map<string, number[]>();

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const id = pages.join(',');
  const known = cache.get(id);
  if (known) return known;
  const counts = (await redis.mget(pages.map((page) => `views:${page}`))).map((count) =>
    Number(count ?? 0),
  );
  cache.set(id, counts);
  return counts;
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
