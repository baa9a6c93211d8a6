// fails: recordView adds one to views:<page> and returns the new count
// Remembers the last count and SETs last+1 on later views: other servers' views are overwritten.
import type Redis from 'ioredis';

const lastSeen = new Map<string, number>();

export async function recordView(redis: Redis, page: string): Promise<number> {
  const key = `views:${page}`;
  const last = lastSeen.get(key);
  const count = last === undefined ? await redis.incr(key) : last + 1;
  if (last !== undefined) await redis.set(key, count);
  lastSeen.set(key, count);
  return count;
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
