// SET … PX 600000 NX and INCRBY 1, each inside MULTI; MGET through call(), the keys as one array.
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  const replies = await redis.multi().incrby(`views:${page}`, 1).exec();
  const [error, count] = replies?.[0] ?? [new Error('aborted'), null];
  if (error) throw error;
  return Number(count);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const values = (await redis.call(
    'MGET',
    pages.map((page) => `views:${page}`),
  )) as (string | null)[];
  return values.map((value) => (value === null ? 0 : Number(value)));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  const replies = await redis.multi().set(`username:${name}`, userId, 'PX', 600_000, 'NX').exec();
  const [error, reply] = replies?.[0] ?? [new Error('aborted'), null];
  if (error) throw error;
  return reply === 'OK';
}
