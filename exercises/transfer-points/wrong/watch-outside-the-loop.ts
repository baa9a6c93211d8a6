// fails: of three transfers at the same time, only as many succeed as there are points for
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

// WATCHes once, before the retry loop. EXEC ends every WATCH, even when it answers null, so the
// second attempt reads and writes unwatched: a third transfer can spend the same points.
export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  await redis.watch(pointsKey(from));
  for (let attempt = 0; attempt < 10; attempt++) {
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

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
