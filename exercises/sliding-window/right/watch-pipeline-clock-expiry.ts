// Right answer written differently: WATCH on a connection of its own (duplicate()), a ZCOUNT of
// the window without removing first, then the clean-up, the add and a PEXPIREAT from this
// process's clock (Date.now() + windowMs) in MULTI/EXEC, retried when EXEC fails.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const key = `ratelimit:${user}`;
  const watcher = redis.duplicate();
  try {
    for (;;) {
      await watcher.watch(key);
      const count = await watcher.zcount(key, `(${nowMs - windowMs}`, '+inf');
      if (count >= limit) {
        await watcher
          .multi()
          .zremrangebyscore(key, '-inf', nowMs - windowMs)
          .exec();
        return false;
      }
      const done = await watcher
        .multi()
        .zremrangebyscore(key, '-inf', nowMs - windowMs)
        .zadd(key, nowMs, randomUUID())
        .pexpireat(key, Date.now() + windowMs)
        .exec();
      if (done !== null) return true;
    }
  } finally {
    watcher.disconnect();
  }
}
