// MULTI around INCRBY 1; one MGET of the distinct keys, mapped back to every place; the claim
// as SET … NX PXAT <now + 600 s> GET, where a null reply means the name was free.
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  const replies = await redis.multi().incrby(`views:${page}`, 1).exec();
  const [error, count] = replies?.[0] ?? [new Error('transaction aborted'), null];
  if (error) throw error;
  return Number(count);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const unique = [...new Set(pages)];
  const values = await redis.mget(unique.map((page) => `views:${page}`));
  const byPage = new Map(unique.map((page, i) => [page, Number(values[i] ?? 0)]));
  return pages.map((page) => byPage.get(page) ?? 0);
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  const previous = await redis.call(
    'SET',
    `username:${name}`,
    userId,
    'NX',
    'PXAT',
    String(Date.now() + 600_000),
    'GET',
  );
  return previous === null;
}
