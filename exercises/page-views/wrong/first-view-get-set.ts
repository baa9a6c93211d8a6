// fails: recordView adds one to views:<page> and returns the new count
// A server's first view reads the counter with GET and writes count+1 with SET; later views
// use INCR. Servers that start together lose views.
import type Redis from 'ioredis';

let synced = false;

export async function recordView(redis: Redis, page: string): Promise<number> {
  const key = `views:${page}`;
  if (!synced) {
    synced = true;
    const count = Number((await redis.get(key)) ?? 0) + 1;
    await redis.set(key, count);
    return count;
  }
  return redis.incr(key);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
