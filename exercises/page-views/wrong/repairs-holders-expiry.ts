// fails: claimName leaves a name someone holds untouched and returns false
// When SET NX is refused, gives the holder's key EXPIRE 600 if it had no expiry: a user who
// finished signing up loses the name ten minutes after someone else tries it.
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  const key = `username:${name}`;
  if ((await redis.set(key, userId, 'EX', 600, 'NX')) === 'OK') return true;
  if ((await redis.pttl(key)) === -1) await redis.expire(key, 600);
  return false;
}
