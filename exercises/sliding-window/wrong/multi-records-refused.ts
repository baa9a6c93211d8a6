// fails: a request exactly windowMs old no longer counts; one a millisecond younger still does
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// The lesson's MULTI version: atomic, but it adds before it counts, so refused requests stay in
// the set, and a client that keeps knocking keeps its own window full.
export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const key = `ratelimit:${user}`;
  const replies = await redis
    .multi()
    .zremrangebyscore(key, '-inf', nowMs - windowMs)
    .zadd(key, nowMs, `${nowMs}-${randomUUID()}`)
    .zcard(key)
    .pexpire(key, windowMs)
    .exec();
  const count = Number(replies?.[2]?.[1]);
  return count <= limit;
}
