// WATCH, read, decide, then MULTI with SET … KEEPTTL (the new count, the TTL kept), retried
// whenever EXEC answers null.
import type Redis from 'ioredis';

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  for (;;) {
    await redis.watch(key);
    const count = Number.parseInt((await redis.get(key)) ?? '0', 10);
    if (!(count < cap)) {
      await redis.unwatch();
      return -1;
    }
    const next = count + 1;
    const replies = await redis.multi().set(key, next, 'KEEPTTL').exec();
    if (replies === null) continue;
    const [error] = replies[0] ?? [null];
    if (error) throw error;
    return next;
  }
}
