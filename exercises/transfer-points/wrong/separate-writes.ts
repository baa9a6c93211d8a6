// fails: transfer WATCHes the sender's key before reading the balance
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

// Checks the balance, then sends two independent commands: another client can run in between.
export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  const balance = Number((await redis.get(pointsKey(from))) ?? 0);
  if (balance < amount) return false;
  await redis.decrby(pointsKey(from), amount);
  await redis.incrby(pointsKey(to), amount);
  return true;
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
