// fails: recordView adds one to views:<page> and returns the new count
// recordView drops the query string: views of /pricing?ref=ad land on views:/pricing, and
// countViews, which reads the page as given, answers 0.
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  const [path = page] = page.split('?');
  return redis.incr(`views:${path}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
