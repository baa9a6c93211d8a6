// fails: ratelimit:<user> is a sorted set of the allowed requests, scored by nowMs
// For a limit of 1 it keeps a string with SET NX PX instead of the sorted set.
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

export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const key = `ratelimit:${user}`;
  if (limit === 1) {
    return (await redis.set(key, String(nowMs), 'PX', windowMs, 'NX')) === 'OK';
  }
  const member = `${nowMs}-${randomUUID()}`;
  return (await redis.eval(SCRIPT, 1, key, nowMs, windowMs, limit, member)) === 1;
}
