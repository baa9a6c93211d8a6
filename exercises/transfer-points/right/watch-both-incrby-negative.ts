// WATCHes both keys and reads both with MGET, moves the points with INCRBY -amount and INCRBY,
// and retries by recursion with no cap; bulkLoad as one MSET.
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  await redis.watch(pointsKey(from), pointsKey(to));
  const [mine] = await redis.mget(pointsKey(from), pointsKey(to));
  if (mine == null || Number.parseInt(mine, 10) < amount) {
    await redis.unwatch();
    return false;
  }
  const results = await redis
    .multi()
    .incrby(pointsKey(from), -amount)
    .incrby(pointsKey(to), amount)
    .exec();
  if (results === null) return transfer(redis, from, to, amount);
  return true;
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const args: (string | number)[] = [];
  for (const user of Object.keys(scores)) args.push(pointsKey(user), scores[user] ?? 0);
  await redis.mset(...args);
}
