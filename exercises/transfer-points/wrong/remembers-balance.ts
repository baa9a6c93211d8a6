// fails: transfer decides on the balance Redis holds now, not on one it remembers
// Decides from a balance kept in a Map (from DECRBY's reply) instead of reading it under WATCH:
// points another client spent since are spent again.
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;
const balances = new Map<string, number>();

export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  const fromKey = pointsKey(from);
  for (let attempt = 0; attempt < 10; attempt++) {
    await redis.watch(fromKey);
    const balance = balances.get(from) ?? Number((await redis.get(fromKey)) ?? 0);
    if (balance < amount) {
      await redis.unwatch();
      return false;
    }
    const results = await redis
      .multi()
      .decrby(fromKey, amount)
      .incrby(pointsKey(to), amount)
      .exec();
    if (results !== null) {
      balances.set(from, Number(results[0]?.[1]));
      const received = balances.get(to);
      if (received !== undefined) balances.set(to, received + amount);
      return true;
    }
    balances.delete(from);
  }
  throw new Error(`transfer from ${from}: the balance kept changing`);
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) {
    pipeline.set(pointsKey(user), points);
    balances.set(user, points);
  }
  await pipeline.exec();
}
