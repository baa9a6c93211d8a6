// fails: two transfers at the same time cannot overdraw the sender
// Takes a transfer with the same receiver and amount, finding the balance the last one left, for
// a resent request and returns true without moving anything.
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;
const last = new Map<string, { to: string; amount: number; left: string }>();

export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  const fromKey = pointsKey(from);
  for (let attempt = 0; attempt < 10; attempt++) {
    await redis.watch(fromKey);
    const held = await redis.get(fromKey);
    const previous = last.get(from);
    if (previous && previous.to === to && previous.amount === amount && previous.left === held) {
      await redis.unwatch();
      return true;
    }
    const balance = Number(held ?? 0);
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
      last.set(from, { to, amount, left: String(results[0]?.[1]) });
      return true;
    }
  }
  throw new Error(`transfer from ${from}: the balance kept changing`);
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
