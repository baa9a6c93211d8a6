import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// The whole decision runs inside Redis as one step: no other client's command can come between
// the count and the add, so two requests that both find one free place cannot both take it.
// A refused request adds nothing, so it never counts against later ones.
const SLIDING_WINDOW = `
local now = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
-- Entries at or before now - windowMs have left the window.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - windowMs)
if redis.call('ZCARD', KEYS[1]) >= limit then
  return 0
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
-- Once windowMs has passed without an allowed request, no entry counts: let Redis drop the set.
redis.call('PEXPIRE', KEYS[1], windowMs)
return 1
`;

export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  // A sorted set keeps each member once: a random part makes two requests in the same
  // millisecond, even from two servers, two entries.
  const member = `${nowMs}-${randomUUID()}`;
  const allowed = await redis.eval(
    SLIDING_WINDOW,
    1,
    `ratelimit:${user}`,
    nowMs,
    windowMs,
    limit,
    member,
  );
  return allowed === 1;
}
