// fails: countViews reads every counter with one MGET
// Reads a single page with GET instead of MGET: countViews must send one MGET however many pages are asked.
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  // One page needs no multi-key command.
  if (pages.length === 1) return [Number((await redis.get(`views:${pages[0]}`)) ?? 0)];
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
