// Every command through redis.call(), the claim's options in another order (NX before PX).
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return Number(await redis.call('INCR', `views:${page}`));
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const values = (await redis.call('MGET', ...pages.map((page) => `views:${page}`))) as (
    | string
    | null
  )[];
  return values.map((value) => (value === null ? 0 : Number.parseInt(value, 10)));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  const reply = await redis.call('SET', `username:${name}`, userId, 'NX', 'PX', '600000');
  return reply !== null;
}
