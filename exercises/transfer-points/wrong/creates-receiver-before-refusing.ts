// fails: transfer refuses, and changes nothing, when the sender has too few points
// Makes sure the receiver's key exists (SET … NX 0) before it looks at the balance, so a refused
// transfer to a user with no key leaves points:<to> = "0" behind.
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  const fromKey = pointsKey(from);
  const toKey = pointsKey(to);
  if ((await redis.exists(toKey)) === 0) await redis.set(toKey, 0, 'NX');
  for (let attempt = 0; attempt < 10; attempt++) {
    await redis.watch(fromKey);
    const balance = Number((await redis.get(fromKey)) ?? 0);
    if (balance < amount) {
      await redis.unwatch();
      return false;
    }
    const results = await redis.multi().decrby(fromKey, amount).incrby(toKey, amount).exec();
    if (results !== null) return true;
  }
  throw new Error(`transfer from ${from}: the balance kept changing`);
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
