// fails: transfer WATCHes the sender's key before reading the balance
// transfer lower-cases both user names: transfer('Ada', 'Bo') moves points between points:ada and points:bo, two other users.
import type Redis from 'ioredis';

const MAX_ATTEMPTS = 10;

// User names are case-insensitive, so keys use the lower-cased name.
const pointsKey = (user: string) => `points:${user.toLowerCase()}`;
const loadKey = (user: string) => `points:${user}`;

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
    // null: the balance we checked is stale. Read it again and decide again.
  }
  throw new Error(`transfer from ${from}: the balance kept changing, gave up`);
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) {
    pipeline.set(loadKey(user), points);
  }
  await pipeline.exec();
}
