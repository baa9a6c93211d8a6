// fails: ratelimit:<user> is a sorted set of the allowed requests, scored by nowMs
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// Works in seconds, as many examples do: the scores are seconds, and requests in the same
// second look equally old.
const SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
`;

export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const now = Math.floor(nowMs / 1000);
  const window = Math.ceil(windowMs / 1000);
  const member = `${nowMs}-${randomUUID()}`;
  return (await redis.eval(SCRIPT, 1, `ratelimit:${user}`, now, window, limit, member)) === 1;
}
