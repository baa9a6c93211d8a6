// fails: two requests at the same time with room for one: exactly one gets through
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// Right one call at a time. But ZCARD and ZADD are two commands: two requests can both count
// limit - 1 before either adds, and both get through.
export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const key = `ratelimit:${user}`;
  await redis.zremrangebyscore(key, '-inf', nowMs - windowMs);
  const count = await redis.zcard(key);
  if (count >= limit) return false;
  await redis.multi().zadd(key, nowMs, `${nowMs}-${randomUUID()}`).pexpire(key, windowMs).exec();
  return true;
}
