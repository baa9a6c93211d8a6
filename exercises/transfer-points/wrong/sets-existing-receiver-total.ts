// fails: two transfers to the same receiver at the same time lose no points
// INCRBY for a receiver with no key, but SET of the total it read (unwatched) for one with points:
// two transfers into that receiver at once overwrite each other.
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  const fromKey = pointsKey(from);
  const toKey = pointsKey(to);
  for (let attempt = 0; attempt < 10; attempt++) {
    await redis.watch(fromKey);
    const [mine, theirs] = await redis.mget(fromKey, toKey);
    const balance = Number(mine ?? 0);
    if (balance < amount) {
      await redis.unwatch();
      return false;
    }
    const tx = redis.multi().set(fromKey, balance - amount);
    if (theirs === null) tx.incrby(toKey, amount);
    else tx.set(toKey, Number(theirs) + amount);
    if ((await tx.exec()) !== null) return true;
  }
  throw new Error(`transfer from ${from}: the balance kept changing`);
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
