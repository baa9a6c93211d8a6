// fails: a request exactly windowMs old no longer counts; one a millisecond younger still does
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// A log in a sorted set, but the window is a slot of the clock (the current minute, say): every
// entry from before the slot began is dropped at once, and a burst across the edge gets twice
// the limit through.
const SCRIPT = `
local slotStart = math.floor(tonumber(ARGV[1]) / tonumber(ARGV[2])) * tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. string.format('%d', slotStart))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
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
  const member = `${nowMs}-${randomUUID()}`;
  return (await redis.eval(SCRIPT, 1, `ratelimit:${user}`, nowMs, windowMs, limit, member)) === 1;
}
