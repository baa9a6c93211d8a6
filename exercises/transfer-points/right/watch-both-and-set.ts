import type Redis from 'ioredis';

// WATCHes both keys, reads both with one MGET, and writes the new totals with SET: since the
// receiver is watched too, a transfer into it in between aborts this EXEC and is not lost.
export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  const source = `points:${from}`;
  const target = `points:${to}`;
  while (true) {
    await redis.watch(source, target);
    const [have, has] = (await redis.mget(source, target)).map((value) => Number(value ?? 0));
    if ((have ?? 0) < amount) {
      await redis.unwatch();
      return false;
    }
    const done = await redis
      .multi()
      .set(source, (have ?? 0) - amount)
      .set(target, (has ?? 0) + amount)
      .exec();
    if (done) return true;
  }
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pairs: (string | number)[] = [];
  for (const user in scores) pairs.push(`points:${user}`, scores[user] ?? 0);
  await redis.mset(...pairs);
}
