// fails: bulkLoad stores every user's points under points:<user>
// Remembers what it loaded and leaves out users whose number has not changed since, though
// another client may have changed their points in between.
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;
const loaded = new Map<string, number>();

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
  let queued = 0;
  for (const [user, points] of Object.entries(scores)) {
    if (loaded.get(user) === points) continue;
    pipeline.set(pointsKey(user), points);
    queued++;
  }
  if (queued > 0) await pipeline.exec();
  for (const [user, points] of Object.entries(scores)) loaded.set(user, points);
}
