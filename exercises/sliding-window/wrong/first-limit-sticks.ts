// fails: the window slides: no more than limit requests in any windowMs, across a clock boundary too
// Remembers each user's limit and window from the first call and ignores the ones passed later.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const SCRIPT = `
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

const plans = new Map<string, { limit: number; windowMs: number }>();

export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const plan = plans.get(user) ?? { limit, windowMs };
  plans.set(user, plan);
  const member = `${nowMs}-${randomUUID()}`;
  const reply = await redis.eval(
    SCRIPT,
    1,
    `ratelimit:${user}`,
    nowMs,
    plan.windowMs,
    plan.limit,
    member,
  );
  return reply === 1;
}
