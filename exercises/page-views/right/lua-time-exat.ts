// The claim is one Lua script that reads Redis's clock with TIME and sends SET … NX EXAT now+600;
// countViews sends its MGET in a pipeline.
import type Redis from 'ioredis';

const CLAIM = `
local now = redis.call('TIME')
local at = tonumber(now[1]) + 600
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EXAT', at) then return 1 end
return 0`;

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const replies = await redis
    .pipeline()
    .mget(pages.map((page) => `views:${page}`))
    .exec();
  const [error, counts] = replies?.[0] ?? [new Error('no reply'), null];
  if (error) throw error;
  return (counts as (string | null)[]).map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.eval(CLAIM, 1, `username:${name}`, userId)) === 1;
}
