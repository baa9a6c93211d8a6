import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  // INCR reads, adds and writes inside Redis: concurrent views cannot overwrite each other.
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  // MGET answers null for a page that has no counter yet.
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  // NX and EX in one command: the name is taken and given its expiry together, or not at all.
  const reply = await redis.set(`username:${name}`, userId, 'EX', 600, 'NX');
  return reply === 'OK';
}
