// fails: a request exactly windowMs old no longer counts; one a millisecond younger still does
// Takes the newest score as now when it is ahead of nowMs, so a call a few ms behind another
// server's removes entries that still count in its own window.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const SCRIPT = `
local now = tonumber(ARGV[1])
local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if newest[2] and tonumber(newest[2]) > now then now = tonumber(newest[2]) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
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
