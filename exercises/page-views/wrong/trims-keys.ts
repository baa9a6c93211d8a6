// fails: recordView adds one to views:<page> and returns the new count
// Trims the page and the username before building the key: the page ' home ' is counted
// under views:home, and ' Ada' claimed as username:Ada.
import type Redis from 'ioredis';

const viewsKey = (page: string) => `views:${page.trim()}`;
const nameKey = (name: string) => `username:${name.trim()}`;

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(viewsKey(page));
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map(viewsKey));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(nameKey(name), userId, 'EX', 600, 'NX')) === 'OK';
}
