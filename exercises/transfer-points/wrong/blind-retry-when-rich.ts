// fails: a small and a big transfer at the same time cannot overdraw the sender
// When the sender has four times the amount or more, an aborted EXEC is retried without WATCH or a new read: a bigger transfer in between can overdraw the sender.
import type Redis from 'ioredis';

const MAX_ATTEMPTS = 10;

const pointsKey = (user: string) => `points:${user}`;

export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  const fromKey = pointsKey(from);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    // WATCH before reading: if anyone changes the sender's points before our EXEC,
    // Redis runs none of the transaction and EXEC answers null.
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
    if (balance >= 4 * amount) {
      // Plenty of points: no need to check again, just push it through.
      await redis.multi().decrby(fromKey, amount).incrby(pointsKey(to), amount).exec();
      return true;
    }
    // null: the balance we checked is stale. Read it again and decide again.
  }
  throw new Error(`transfer from ${from}: the balance kept changing, gave up`);
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) {
    pipeline.set(pointsKey(user), points);
  }
  await pipeline.exec();
}
