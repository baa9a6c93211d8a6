// The transaction sent with multi({ pipeline: false }) (MULTI goes out at once, each change is
// queued by Redis as it arrives, EXEC answers null when the WATCH fired); bulkLoad as one MSET
// given a Map.
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  const fromKey = pointsKey(from);
  for (let attempt = 1; attempt <= 8; attempt++) {
    await redis.watch(fromKey);
    const held = await redis.get(fromKey);
    if (held === null || Number(held) < amount) {
      await redis.unwatch();
      return false;
    }
    await redis.multi({ pipeline: false });
    await redis.decrby(fromKey, amount);
    await redis.incrby(pointsKey(to), amount);
    const results = await redis.exec();
    if (results !== null) return true;
  }
  throw new Error(`could not transfer from ${from}: its balance kept changing`);
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const values = new Map<string, number>();
  for (const [user, points] of Object.entries(scores)) values.set(pointsKey(user), points);
  await redis.mset(values);
}
