// fails: transfer moves points from the sender to the receiver
// Compares the balance and the amount as strings: "120" < "45", so a sender with 120 points is
// refused 45.
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
    const balance = (await redis.get(fromKey)) ?? '0';
    if (balance < String(amount)) {
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
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
