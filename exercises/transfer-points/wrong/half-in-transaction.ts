// fails: transfer makes its two changes inside one MULTI/EXEC transaction
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

// WATCHes and checks the balance, but only the debit is in the transaction: the credit follows as
// a command of its own, so another client can see the points gone from one user and not yet
// arrived at the other (and a crash in between loses them).
export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  for (let attempt = 0; attempt < 10; attempt++) {
    await redis.watch(pointsKey(from));
    const balance = Number((await redis.get(pointsKey(from))) ?? 0);
    if (balance < amount) {
      await redis.unwatch();
      return false;
    }
    if ((await redis.multi().decrby(pointsKey(from), amount).exec()) !== null) {
      await redis.incrby(pointsKey(to), amount);
      return true;
    }
  }
  throw new Error('the balance kept changing');
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
