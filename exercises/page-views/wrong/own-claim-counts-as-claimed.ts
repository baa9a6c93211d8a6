// fails: claimName leaves a name someone holds untouched and returns false
// When SET NX is refused, GETs the key and answers true if the same user holds it: the caller
// believes it made a new ten-minute reservation, and a second command goes out.
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
  return (await redis.get(key)) === userId;
}
