// fails: a refused transfer leaves no WATCH behind on its connection
// Refuses a sender with no key by returning early, without the UNWATCH the other refusal sends:
// the connection keeps WATCH points:<from> and its next transaction aborts once that key appears.
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  const fromKey = pointsKey(from);
  for (let attempt = 0; attempt < 10; attempt++) {
    await redis.watch(fromKey);
    const raw = await redis.get(fromKey);
    if (raw === null) return false; // no key: 0 points
    if (Number(raw) < amount) {
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
