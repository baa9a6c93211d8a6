// fails: countViews returns each page's count in order, 0 for a page never viewed
// A server's first countViews sends one GET per page; later calls use one MGET.
import type Redis from 'ioredis';

let checkedOnce = false;

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  if (!checkedOnce) {
    checkedOnce = true;
    const counts: number[] = [];
    for (const page of pages) counts.push(Number((await redis.get(`views:${page}`)) ?? 0));
    return counts;
  }
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
