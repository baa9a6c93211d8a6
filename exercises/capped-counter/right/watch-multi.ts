import type Redis from 'ioredis';

// No Lua: optimistic locking, as in the lesson on transactions. The loop has no cap on attempts,
// as the statement allows; under contention every lost race is followed by a win for someone.
export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  for (;;) {
    await redis.watch(key);
    const count = Number((await redis.get(key)) ?? 0);
    if (count >= cap) {
      await redis.unwatch();
      return -1;
    }
    const replies = await redis.multi().incr(key).exec();
    // null: another client changed the counter after our WATCH; read it again.
    if (replies !== null) return replies[0]?.[1] as number;
  }
}
