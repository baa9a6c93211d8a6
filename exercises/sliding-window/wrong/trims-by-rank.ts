// fails: every call removes the entries that have left the window, allowed or refused
// Counts with ZCOUNT and keeps only the newest limit entries (ZREMRANGEBYRANK), never removing by
// score: a set of limit entries or fewer keeps entries that left the window long ago.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const SCRIPT = `
local now = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local counted = redis.call('ZCOUNT', KEYS[1], '(' .. (now - windowMs), '+inf')
local allowed = 0
if counted < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], windowMs)
  allowed = 1
end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(limit + 1))
return allowed
`;

export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const member = `${nowMs}-${randomUUID()}`;
  return (await redis.eval(SCRIPT, 1, `ratelimit:${user}`, nowMs, windowMs, limit, member)) === 1;
}
