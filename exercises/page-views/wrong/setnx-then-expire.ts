// fails: claimName claims with one SET that carries NX and the expiry
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

// Two commands: if the server stops between them, the name stays taken with no expiry.
export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  const key = `username:${name}`;
  const claimed = (await redis.setnx(key, userId)) === 1;
  if (claimed) await redis.expire(key, 600);
  return claimed;
}
