// Reads each distinct counter once, in sorted order, with MGET, and maps the counts back to the
// pages as given; claims with PXAT in a pipeline.
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  const reply = await redis.call('INCR', `views:${page}`);
  return Number(reply);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const keys = [...new Set(pages.map((page) => `views:${page}`))].sort();
  const values = await redis.mgetBuffer(keys);
  const byKey = new Map(keys.map((key, index) => [key, values[index]]));
  return pages.map((page) => {
    const value = byKey.get(`views:${page}`);
    return value ? Number(value.toString()) : 0;
  });
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  const at = Date.now() + 600_000;
  const replies = await redis
    .pipeline()
    .call('SET', `username:${name}`, userId, 'NX', 'PXAT', String(at))
    .exec();
  const [error, reply] = replies?.[0] ?? [null, null];
  if (error) throw error;
  return reply === 'OK';
}
