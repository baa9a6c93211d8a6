// fails: recordView adds with one INCR and sends nothing else
// Sends SCRIPT LOAD and then EVALSHA on every view: two commands where one INCR does it.
import type Redis from 'ioredis';

const COUNT = "return redis.call('INCR', KEYS[1])";

export async function recordView(redis: Redis, page: string): Promise<number> {
  const sha = (await redis.script('LOAD', COUNT)) as string;
  return Number(await redis.evalsha(sha, 1, `views:${page}`));
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
