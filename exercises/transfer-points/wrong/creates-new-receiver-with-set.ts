// fails: two transfers to the same receiver at the same time lose no points
// Creates a new receiver's key with SET after an EXISTS that is not WATCHed: two transfers to the
// same new user both SET, and the first one's points are lost.
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
    const balance = Number((await redis.get(fromKey)) ?? 0);
    if (balance < amount) {
      await redis.unwatch();
      return false;
    }
    const isNew = (await redis.exists(toKey)) === 0;
    const tx = redis.multi().decrby(fromKey, amount);
    if (isNew) tx.set(toKey, amount);
    else tx.incrby(toKey, amount);
    if ((await tx.exec()) !== null) return true;
  }
  throw new Error(`transfer from ${from}: the balance kept changing`);
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
