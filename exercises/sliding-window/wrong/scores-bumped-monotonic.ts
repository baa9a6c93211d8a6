// fails: ratelimit:<user> is a sorted set of the allowed requests, scored by nowMs
// Scores a request behind the newest entry at the newest entry's score, so the log is not scored by
// nowMs and the entry counts longer than it should.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const SCRIPT = `
local now = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - windowMs)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
local score = now
if newest[2] and tonumber(newest[2]) > now then score = tonumber(newest[2]) end
redis.call('ZADD', KEYS[1], score, ARGV[4])
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
  const member = `${nowMs}-${randomUUID()}`;
  return (await redis.eval(SCRIPT, 1, `ratelimit:${user}`, nowMs, windowMs, limit, member)) === 1;
}
