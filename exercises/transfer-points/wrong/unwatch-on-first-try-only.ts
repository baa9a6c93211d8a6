// fails: two transfers at the same time cannot overdraw the sender
// Sends UNWATCH when it refuses on the first attempt, not when it refuses on a retry after an
// aborted EXEC: the WATCH stays on the connection.
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  const fromKey = pointsKey(from);
  const move = () => redis.multi().decrby(fromKey, amount).incrby(pointsKey(to), amount).exec();
  await redis.watch(fromKey);
  if (Number((await redis.get(fromKey)) ?? 0) < amount) {
    await redis.unwatch();
    return false;
  }
  if ((await move()) !== null) return true;
  for (let attempt = 1; attempt < 10; attempt++) {
    await redis.watch(fromKey);
    if (Number((await redis.get(fromKey)) ?? 0) < amount) return false;
    if ((await move()) !== null) return true;
  }
  throw new Error(`transfer from ${from}: the balance kept changing`);
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
