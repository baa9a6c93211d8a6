// fails: allow changes ratelimit:<user> only, and finds it by its name
// Serialises the count and the add with a lock key of its own, lock:ratelimit:<user>, set
// and deleted in every call: a second key written, which a Lua script or WATCH would not need.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const key = `ratelimit:${user}`;
  const lock = `lock:${key}`;
  const token = randomUUID();
  while ((await redis.set(lock, token, 'PX', 1000, 'NX')) === null) await sleep(5);
  try {
    await redis.zremrangebyscore(key, '-inf', nowMs - windowMs);
    if ((await redis.zcard(key)) >= limit) return false;
    await redis.multi().zadd(key, nowMs, `${nowMs}-${randomUUID()}`).pexpire(key, windowMs).exec();
    return true;
  } finally {
    await redis.del(lock);
  }
}
