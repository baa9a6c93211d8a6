// fails: a request exactly windowMs old no longer counts; one a millisecond younger still does
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// "(" makes the bound exclusive: a request exactly windowMs old is kept, and still counts.
const SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[2])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
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
  const key = `ratelimit:${user}`;
  const reply = await redis.eval(SCRIPT, 1, key, nowMs, nowMs - windowMs, limit, member, windowMs);
  return reply === 1;
}
