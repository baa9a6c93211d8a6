import type Redis from 'ioredis';

// Each function runs its one command from a script: what Redis executes is the same.
const COUNT_VIEW = "return redis.call('INCR', KEYS[1])";
const READ_COUNTS = "return redis.call('MGET', unpack(KEYS))";
const CLAIM = "return redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2], 'NX') and 1 or 0";

export async function recordView(redis: Redis, page: string): Promise<number> {
  return Number(await redis.eval(COUNT_VIEW, 1, `views:${page}`));
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const keys = pages.map((page) => `views:${page}`);
  const counts = (await redis.eval(READ_COUNTS, keys.length, ...keys)) as (string | null)[];
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.eval(CLAIM, 1, `username:${name}`, userId, 600)) === 1;
}
