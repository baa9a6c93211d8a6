// fails: transfer refuses, and changes nothing, when the sender has too few points
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

// Reads the balance under WATCH but does not trust it: moves first and asks afterwards. When the
// sender went below zero, a second transaction puts the points back. The end state is right, but
// in between other clients see the overdraft (and a transfer from a user with no key leaves
// points:<from> and points:<to> at "0").
export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  await redis.watch(pointsKey(from));
  await redis.get(pointsKey(from));
  const results = await redis
    .multi()
    .decrby(pointsKey(from), amount)
    .incrby(pointsKey(to), amount)
    .exec();
  const left = Number(results?.[0]?.[1] ?? 0);
  if (left >= 0) return true;
  await redis.multi().incrby(pointsKey(from), amount).decrby(pointsKey(to), amount).exec();
  return false;
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
