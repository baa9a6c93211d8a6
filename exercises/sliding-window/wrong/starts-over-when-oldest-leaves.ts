// fails: every call removes the entries that have left the window, allowed or refused
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// When the oldest request has left the window, throws the whole log away: a fixed window that
// starts at the first request, which forgets requests that still count.
const SCRIPT = `
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if oldest[2] and tonumber(oldest[2]) <= tonumber(ARGV[1]) - tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1])
end
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
