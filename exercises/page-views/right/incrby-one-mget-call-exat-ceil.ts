// INCRBY 1 sent through call(); the MGET's keys as one array through call(); the claim as SET … NX
// EXAT with the client's clock rounded up to the next second (rounding to the second is fine).
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return (await redis.call('INCRBY', `views:${page}`, 1)) as number;
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = (await redis.call(
    'MGET',
    pages.map((page) => `views:${page}`),
  )) as (string | null)[];
  return counts.map((count) => (count === null ? 0 : Number.parseInt(count, 10)));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  const at = Math.ceil(Date.now() / 1000) + 600;
  return (await redis.set(`username:${name}`, userId, 'EXAT', at, 'NX')) !== null;
}
