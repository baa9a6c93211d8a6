// fails: a refused transfer leaves no WATCH behind on its connection
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

// Returns false straight after the read: the WATCH stays on the connection, and the next
// transaction sent on this client aborts whenever the refused sender's points change.
export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  for (;;) {
    await redis.watch(pointsKey(from));
    const balance = Number((await redis.get(pointsKey(from))) ?? 0);
    if (balance < amount) return false;
    const results = await redis
      .multi()
      .decrby(pointsKey(from), amount)
      .incrby(pointsKey(to), amount)
      .exec();
    if (results) return true;
  }
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
