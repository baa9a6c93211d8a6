// fails: hits at the same time never take the counter past the cap
// After a lost race it INCRs and DECRs again when that went past the cap: a refused hit writes,
// and other clients see the count past its cap in between.
import type Redis from 'ioredis';

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  await redis.watch(key);
  const count = Number((await redis.get(key)) ?? 0);
  if (count >= cap) {
    await redis.unwatch();
    return -1;
  }
  const replies = await redis.multi().incr(key).exec();
  if (replies !== null) return replies[0]?.[1] as number;
  // Lost a race: no time for another round trip of WATCH; INCR and take it back if too far.
  const after = await redis.incr(key);
  if (after > cap) {
    await redis.decr(key);
    return -1;
  }
  return after;
}
