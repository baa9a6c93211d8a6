// fails: bulkLoad sends its writes together, in one round trip
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

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
    const results = await redis
      .multi()
      .decrby(pointsKey(from), amount)
      .incrby(pointsKey(to), amount)
      .exec();
    if (results !== null) return true;
  }
  throw new Error('too many attempts');
}

// Splits the load into pipelines of 100, as if it were huge: a round trip per 100 users, where
// the statement says at most 1,000 users come at once and one round trip carries them all.
export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const entries = Object.entries(scores);
  for (let start = 0; start < entries.length; start += 100) {
    const pipeline = redis.pipeline();
    for (const [user, points] of entries.slice(start, start + 100)) {
      pipeline.set(pointsKey(user), points);
    }
    await pipeline.exec();
  }
}
