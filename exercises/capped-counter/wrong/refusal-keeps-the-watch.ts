// fails: at or above the cap, hit returns -1, writes nothing and leaves no WATCH behind
// Returns -1 without UNWATCH: the WATCH stays on the caller's client, whose next MULTI/EXEC
// fails when the counter changes.
import type Redis from 'ioredis';

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  for (;;) {
    await redis.watch(key);
    const count = Number((await redis.get(key)) ?? 0);
    if (count >= cap) return -1;
    const replies = await redis.multi().incr(key).exec();
    if (replies !== null) return replies[0]?.[1] as number;
  }
}
