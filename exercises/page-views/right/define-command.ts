// defineCommand: one script per function, each running the one command the statement names;
// the claim uses SET … NX GET EXAT and learns from GET whether the name was free.
import type Redis from 'ioredis';

type Scripted = Redis & {
  viewIncr(key: string): Promise<number>;
  viewRead(...keys: string[]): Promise<(string | null)[]>;
  nameClaim(key: string, id: string, at: number): Promise<string | null | false>;
};

function scripted(redis: Redis): Scripted {
  if (!('viewIncr' in redis)) {
    redis.defineCommand('viewIncr', { numberOfKeys: 1, lua: "return redis.call('INCR', KEYS[1])" });
    redis.defineCommand('viewRead', { lua: "return redis.call('MGET', unpack(KEYS))" });
    redis.defineCommand('nameClaim', {
      numberOfKeys: 1,
      lua: "return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'GET', 'EXAT', ARGV[2])",
    });
  }
  return redis as Scripted;
}

export async function recordView(redis: Redis, page: string): Promise<number> {
  return Number(await scripted(redis).viewIncr(`views:${page}`));
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const keys = pages.map((page) => `views:${page}`);
  const counts = await scripted(redis).viewRead(keys.length as unknown as string, ...keys);
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  const at = Math.round(Date.now() / 1000) + 600;
  // With GET, SET answers the old value: nil (false in Lua, null here) when the name was free.
  const previous = await scripted(redis).nameClaim(`username:${name}`, userId, at);
  return previous === null || previous === false;
}
