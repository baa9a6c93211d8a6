// fails: transfer decides on the balance Redis holds now, not on one it remembers
// Remembers refused senders in a Map and refuses them again without reading Redis, though
// another client may have given them points since.
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;
const refused = new Map<string, number>();

export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  if (amount >= (refused.get(from) ?? Number.POSITIVE_INFINITY)) return false;
  const fromKey = pointsKey(from);
  for (let attempt = 0; attempt < 10; attempt++) {
    await redis.watch(fromKey);
    const balance = Number((await redis.get(fromKey)) ?? 0);
    if (balance < amount) {
      await redis.unwatch();
      refused.set(from, Math.min(amount, refused.get(from) ?? amount));
      return false;
    }
    const results = await redis
      .multi()
      .decrby(fromKey, amount)
      .incrby(pointsKey(to), amount)
      .exec();
    if (results !== null) {
      refused.delete(to); // this process knows the receiver has more now
      return true;
    }
  }
  throw new Error(`transfer from ${from}: the balance kept changing`);
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) {
    pipeline.set(pointsKey(user), points);
    refused.delete(user);
  }
  await pipeline.exec();
}
