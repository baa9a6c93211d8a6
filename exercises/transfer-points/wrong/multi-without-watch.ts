// fails: transfer WATCHes the sender's key before reading the balance
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

// The writes are a transaction, but the balance is read outside it and never WATCHed:
// two transfers can both see the same balance and both spend it.
export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  const balance = Number((await redis.get(pointsKey(from))) ?? 0);
  if (balance < amount) return false;
  await redis.multi().decrby(pointsKey(from), amount).incrby(pointsKey(to), amount).exec();
  return true;
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  await redis.mset(Object.fromEntries(Object.entries(scores).map(([u, p]) => [pointsKey(u), p])));
}
