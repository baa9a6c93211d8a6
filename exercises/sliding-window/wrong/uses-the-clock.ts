// fails: ratelimit:<user> is a sorted set of the allowed requests, scored by nowMs
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// Reads the clock instead of the nowMs it was given: right on a real server, but the entries
// carry the wrong times, and the window cannot be tested.
const SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
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
  _nowMs: number,
): Promise<boolean> {
  const now = Date.now();
  const member = `${now}-${randomUUID()}`;
  return (await redis.eval(SCRIPT, 1, `ratelimit:${user}`, now, windowMs, limit, member)) === 1;
}
