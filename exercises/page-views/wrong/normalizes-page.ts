// fails: recordView adds one to views:<page> and returns the new count
// Normalizes the page to NFC, so a page whose é is e and a combining accent is counted under another key.
import type Redis from 'ioredis';

const viewsKey = (page: string) => `views:${page.normalize('NFC')}`;

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(viewsKey(page));
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map(viewsKey));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
