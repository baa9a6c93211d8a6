// fails: two transfers to the same receiver at the same time lose no points
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

// Reads both balances and writes the new totals with SET, but WATCHes only the sender: a
// transfer into the same receiver from someone else, in between, is overwritten and lost.
export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  for (let attempt = 0; attempt < 10; attempt++) {
    await redis.watch(pointsKey(from));
    const [mine, theirs] = await redis.mget(pointsKey(from), pointsKey(to));
    if (Number(mine ?? 0) < amount) {
      await redis.unwatch();
      return false;
    }
    const results = await redis
      .multi()
      .set(pointsKey(from), Number(mine) - amount)
      .set(pointsKey(to), Number(theirs ?? 0) + amount)
      .exec();
    if (results !== null) return true;
  }
  throw new Error('too many attempts');
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
