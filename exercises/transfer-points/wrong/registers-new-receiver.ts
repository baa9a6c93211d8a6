// fails: transfer changes only the sender's and the receiver's points
// Also adds a new receiver to a `players` set, a key the statement never asks for.
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
    const balance = Number((await redis.get(fromKey)) ?? 0);
    if (balance < amount) {
      await redis.unwatch();
      return false;
    }
    const isNew = (await redis.exists(pointsKey(to))) === 0;
    const tx = redis.multi().decrby(fromKey, amount).incrby(pointsKey(to), amount);
    if (isNew) tx.sadd('players', to);
    if ((await tx.exec()) !== null) return true;
  }
  throw new Error(`transfer from ${from}: the balance kept changing`);
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
