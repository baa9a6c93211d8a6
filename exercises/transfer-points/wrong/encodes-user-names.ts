// fails: transfer WATCHes the sender's key before reading the balance
// transfer lower-cases and URL-encodes the user names: transfer('Ada Lovelace', 'Bo') moves points between points:ada%20lovelace and points:bo, keys of nobody.
import type Redis from 'ioredis';

const MAX_ATTEMPTS = 10;

const pointsKey = (user: string) => `points:${user}`;
// Spaces and capitals are no place in a key: transfers encode the names.
const safeKey = (user: string) => `points:${encodeURIComponent(user.toLowerCase())}`;

export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  const fromKey = safeKey(from);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    // WATCH before reading: if anyone changes the sender's points before our EXEC,
    // Redis runs none of the transaction and EXEC answers null.
    await redis.watch(fromKey);
    const balance = Number((await redis.get(fromKey)) ?? 0);
    if (balance < amount) {
      await redis.unwatch();
      return false;
    }
    const results = await redis.multi().decrby(fromKey, amount).incrby(safeKey(to), amount).exec();
    if (results !== null) return true;
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
