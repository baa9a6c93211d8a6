// fails: three transfers at the same time all succeed when there are points for all three
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

// Retries once only, then reports failure: with two other transfers getting in first, a
// transfer with enough points returns false.
export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    await redis.watch(pointsKey(from));
    const balance = Number((await redis.get(pointsKey(from))) ?? 0);
    if (balance < amount) {
      await redis.unwatch();
      return false;
    }
    const results = await redis
      .multi()
      .decrby(pointsKey(from), amount)
      .incrby(pointsKey(to), amount)
      .exec();
    if (results !== null) return true;
  }
  return false;
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  await redis.mset(Object.fromEntries(Object.entries(scores).map(([u, p]) => [pointsKey(u), p])));
}
