// Right answer written differently: one Lua script that adds first and takes the entry out again
// when it made one too many: inside a script no other client sees the moment in between. Counted
// with ZCOUNT over the window; the expiry set with PEXPIREAT from Redis's own TIME.
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

const SCRIPT = `
local now, windowMs, limit = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - windowMs)
redis.call('ZADD', KEYS[1], now, ARGV[4])
if redis.call('ZCOUNT', KEYS[1], '(' .. (now - windowMs), '+inf') > limit then
  redis.call('ZREM', KEYS[1], ARGV[4])
  return false
end
local time = redis.call('TIME')
redis.call('PEXPIREAT', KEYS[1], tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) + windowMs)
return true
`;

export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const member = randomBytes(12).toString('base64url');
  const reply = await redis.eval(SCRIPT, 1, `ratelimit:${user}`, nowMs, windowMs, limit, member);
  return reply === 1;
}
