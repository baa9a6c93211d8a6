// fails: two users claiming one name at the same time: exactly one gets it
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

// Checks, then writes: two sign-ups in the same moment both see a free name and both win.
export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  const key = `username:${name}`;
  if ((await redis.get(key)) !== null) return false;
  await redis.set(key, userId, 'EX', 600);
  return true;
}
