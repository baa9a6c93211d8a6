// fails: hits at the same time all go through when there is room for all
// Gives up with -1 after three lost races: with four hits at once a hit can lose three times
// while there is still room.
import type Redis from 'ioredis';

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  const key = `counter:${name}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    await redis.watch(key);
    const count = Number((await redis.get(key)) ?? 0);
    if (count >= cap) {
      await redis.unwatch();
      return -1;
    }
    const replies = await redis.multi().incr(key).exec();
    if (replies !== null) return replies[0]?.[1] as number;
  }
  return -1;
}
