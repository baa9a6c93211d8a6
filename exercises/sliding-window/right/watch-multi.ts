import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

// Optimistic locking instead of a script: WATCH the set, count, decide in TypeScript, and write
// in MULTI/EXEC. If another request changed the set in between, EXEC answers null: try again.
export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const key = `ratelimit:${user}`;
  const leftWindow = nowMs - windowMs; // scores at or before this no longer count
  for (;;) {
    await redis.watch(key);
    const counted = await redis.zcount(key, `(${leftWindow}`, '+inf');
    if (counted >= limit) {
      await redis.unwatch();
      await redis.zremrangebyscore(key, '-inf', leftWindow);
      return false;
    }
    const member = `${nowMs}:${randomBytes(8).toString('hex')}`;
    const replies = await redis
      .multi()
      .zremrangebyscore(key, '-inf', leftWindow)
      .zadd(key, nowMs, member)
      .pexpire(key, windowMs)
      .exec();
    if (replies !== null) return true;
  }
}
