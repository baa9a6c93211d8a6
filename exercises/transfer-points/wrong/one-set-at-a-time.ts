// fails: bulkLoad sends its writes together, in one round trip
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  for (;;) {
    await redis.watch(pointsKey(from));
    const balance = Number((await redis.get(pointsKey(from))) ?? 0);
    if (balance < amount) {
      await redis.unwatch();
      return false;
    }
    const results = await redis
      .multi()
      .decrby(pointsKey(from), amount)
      .incrby(pointsKey(to), amount)
      .exec();
    if (results !== null) return true;
  }
}

// Correct data, but every SET waits for the previous reply: one round trip per user.
export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  for (const [user, points] of Object.entries(scores)) {
    await redis.set(pointsKey(user), points);
  }
}
