// fails: transfer refuses, and changes nothing, when the sender has too few points
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

// WATCHes and reads the balance, then moves the points atomically, but never compares the balance
// with the amount: the sender can go negative.
export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  await redis.watch(pointsKey(from));
  await redis.get(pointsKey(from));
  await redis.multi().decrby(pointsKey(from), amount).incrby(pointsKey(to), amount).exec();
  return true;
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
