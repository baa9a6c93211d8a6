// fails: the first limit requests in a window are allowed, the next one is refused
// A module's first call counts and adds in separate commands (later ones use EVALSHA), so servers
// that have just started can let two requests into one free place.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const SCRIPT = `
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

let sha: string | undefined;

export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const key = `ratelimit:${user}`;
  const member = `${nowMs}-${randomUUID()}`;
  if (sha === undefined) {
    sha = String(await redis.script('LOAD', SCRIPT));
    await redis.zremrangebyscore(key, '-inf', nowMs - windowMs);
    if ((await redis.zcard(key)) >= limit) return false;
    await redis.multi().zadd(key, nowMs, member).pexpire(key, windowMs).exec();
    return true;
  }
  try {
    return (await redis.evalsha(sha, 1, key, nowMs, windowMs, limit, member)) === 1;
  } catch (error) {
    if (!/NOSCRIPT/.test(String((error as Error).message))) throw error;
    return (await redis.eval(SCRIPT, 1, key, nowMs, windowMs, limit, member)) === 1;
  }
}
