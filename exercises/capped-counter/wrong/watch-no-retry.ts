// fails: hits at the same time all go through when there is room for all
import type Redis from 'ioredis';

// WATCH keeps the count from passing the cap, but a hit whose EXEC answers null gives up with
// -1, though there was room: it only lost a race.
export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  await redis.watch(key);
  const count = Number((await redis.get(key)) ?? 0);
  if (count >= cap) {
    await redis.unwatch();
    return -1;
  }
  const replies = await redis.multi().incr(key).exec();
  if (replies === null) return -1;
  return replies[0]?.[1] as number;
}
