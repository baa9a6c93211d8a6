// fails: another server's writes between a call's count and its add: still no more than limit, and no refusal while there is room
// The WATCH retry loop gives up after two tries and refuses, though the window has room.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const ATTEMPTS = 2;

export async function allow(
  redis: Redis,
  user: string,
  limit: number,
  windowMs: number,
  nowMs: number,
): Promise<boolean> {
  const key = `ratelimit:${user}`;
  const leftWindow = nowMs - windowMs;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    await redis.watch(key);
    const counted = await redis.zcount(key, `(${leftWindow}`, '+inf');
    if (counted >= limit) {
      await redis.unwatch();
      await redis.zremrangebyscore(key, '-inf', leftWindow);
      return false;
    }
    const replies = await redis
      .multi()
      .zremrangebyscore(key, '-inf', leftWindow)
      .zadd(key, nowMs, `${nowMs}-${randomUUID()}`)
      .pexpire(key, windowMs)
      .exec();
    if (replies !== null) return true;
  }
  await redis.zremrangebyscore(key, '-inf', leftWindow);
  return false;
}
