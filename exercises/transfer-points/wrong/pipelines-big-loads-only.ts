// fails: bulkLoad sends its writes together, in one round trip
// bulkLoad pipelines only loads of 500 users or more and awaits one SET at a time below that.
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  const fromKey = pointsKey(from);
  for (let attempt = 0; attempt < 10; attempt++) {
    await redis.watch(fromKey);
    const balance = Number((await redis.get(fromKey)) ?? 0);
    if (balance < amount) {
      await redis.unwatch();
      return false;
    }
    const results = await redis
      .multi()
      .decrby(fromKey, amount)
      .incrby(pointsKey(to), amount)
      .exec();
    if (results !== null) return true;
  }
  throw new Error(`transfer from ${from}: the balance kept changing`);
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const entries = Object.entries(scores);
  if (entries.length < 500) {
    for (const [user, points] of entries) await redis.set(pointsKey(user), points);
    return;
  }
  const pipeline = redis.pipeline();
  for (const [user, points] of entries) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
