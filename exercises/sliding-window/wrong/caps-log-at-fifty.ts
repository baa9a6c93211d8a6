// fails: every call reads the window from Redis, where other servers' requests count at once
// Keeps only the newest 50 entries whatever the limit, so a limit over 50 is never reached.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const MAX_ENTRIES = 50;

const SCRIPT = `
local now = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(tonumber(ARGV[5]) + 1))
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
  return (
    (await redis.eval(
      SCRIPT,
      1,
      `ratelimit:${user}`,
      nowMs,
      windowMs,
      limit,
      member,
      MAX_ENTRIES,
    )) === 1
  );
}
