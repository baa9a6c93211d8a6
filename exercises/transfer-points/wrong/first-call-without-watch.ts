// fails: transfer WATCHes the sender's key before reading the balance
// The module's first transfer sends GET and MULTI/EXEC with no WATCH ("nothing else runs yet");
// later ones WATCH.
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;
let warm = false;

export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  const fromKey = pointsKey(from);
  if (!warm) {
    warm = true;
    if (Number((await redis.get(fromKey)) ?? 0) < amount) return false;
    await redis.multi().decrby(fromKey, amount).incrby(pointsKey(to), amount).exec();
    return true;
  }
  for (let attempt = 0; attempt < 10; attempt++) {
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
  }
  throw new Error(`transfer from ${from}: the balance kept changing`);
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
