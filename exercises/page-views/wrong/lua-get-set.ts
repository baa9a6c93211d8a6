// fails: recordView adds with one INCR and sends nothing else
import type Redis from 'ioredis';

// Atomic, since Redis runs a script whole, but it rebuilds INCR by hand instead of using it.
const COUNT_VIEW = `
local count = tonumber(redis.call('GET', KEYS[1]) or '0') + 1
redis.call('SET', KEYS[1], count)
return count`;

export async function recordView(redis: Redis, page: string): Promise<number> {
  return Number(await redis.eval(COUNT_VIEW, 1, `views:${page}`));
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
