// fails: a refused request never counts against another, not even for a moment
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// Adds, counts, and takes the entry back out when it was one too many. Between the EXEC and the
// ZREM, another request counts the refused one and can be refused for it.
export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const key = `ratelimit:${user}`;
  const member = `${nowMs}-${randomUUID()}`;
  const replies = await redis
    .multi()
    .zremrangebyscore(key, '-inf', nowMs - windowMs)
    .zadd(key, nowMs, member)
    .zcard(key)
    .pexpire(key, windowMs)
    .exec();
  const count = Number(replies?.[2]?.[1]);
  if (count <= limit) return true;
  await redis.zrem(key, member);
  return false;
}
