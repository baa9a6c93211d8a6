// fails: views recorded at the same time are all counted
import type Redis from 'ioredis';

// Reads the count, adds one in TypeScript and writes it back: right when alone, but two servers
// doing this at once both read the same number and one view disappears.
export async function recordView(redis: Redis, page: string): Promise<number> {
  const key = `views:${page}`;
  const count = Number((await redis.get(key)) ?? 0) + 1;
  await redis.set(key, count);
  return count;
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
