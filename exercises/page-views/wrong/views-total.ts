// fails: recordView adds one to views:<page> and returns the new count
import type Redis from 'ioredis';

// Also keeps a site-wide total that nobody asked for: a key the statement does not allow.
export async function recordView(redis: Redis, page: string): Promise<number> {
  const [[, count]] = (await redis.multi().incr(`views:${page}`).incr('views:total').exec()) as [
    [Error | null, number],
  ];
  return count;
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
