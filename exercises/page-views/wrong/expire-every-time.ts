// fails: claimName leaves a name someone holds untouched and returns false
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

// Sets the expiry whether or not the claim won: a latecomer restarts the holder's ten minutes.
export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  const key = `username:${name}`;
  const claimed = await redis.setnx(key, userId);
  await redis.expire(key, 600);
  return claimed === 1;
}
