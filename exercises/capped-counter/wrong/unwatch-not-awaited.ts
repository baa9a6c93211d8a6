// fails: at or above the cap, hit returns -1, writes nothing and leaves no WATCH behind
import type Redis from 'ioredis';

// Returns -1 before Redis has answered the UNWATCH.
export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  for (;;) {
    await redis.watch(key);
    const count = Number((await redis.get(key)) ?? 0);
    if (count >= cap) {
      redis.unwatch();
      return -1;
    }
    const replies = await redis.multi().incr(key).exec();
    if (replies !== null) return replies[0]?.[1] as number;
  }
}
