// fails: two transfers at the same time both succeed when there are points for both
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

// Treats an aborted EXEC (null) as "not enough points" instead of trying again.
export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
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
  return results !== null;
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
