// fails: hits at the same time never take the counter past the cap
// WATCH is sent once, before the loop: EXEC ends it, so a retry after a lost race reads and
// INCRs unwatched, and a third hit landing in between takes the count past the cap.
import type Redis from 'ioredis';

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  await redis.watch(key);
  for (;;) {
    const count = Number((await redis.get(key)) ?? 0);
    if (count >= cap) {
      await redis.unwatch();
      return -1;
    }
    const replies = await redis.multi().incr(key).exec();
    if (replies !== null) return replies[0]?.[1] as number;
  }
}
