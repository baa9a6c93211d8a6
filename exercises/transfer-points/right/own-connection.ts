import type Redis from 'ioredis';

const key = (user: string) => `points:${user}`;

// A connection of its own for each transfer, so that its WATCH cannot meet another's.
export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  const own = redis.duplicate();
  try {
    for (;;) {
      await own.watch(key(from));
      const balance = Number((await own.get(key(from))) ?? 0);
      if (balance < amount) {
        await own.unwatch();
        return false;
      }
      const done = await own.multi().decrby(key(from), amount).incrby(key(to), amount).exec();
      if (done) return true;
    }
  } finally {
    await own.quit();
  }
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  await redis.mset(Object.fromEntries(Object.entries(scores).map(([u, p]) => [key(u), String(p)])));
}
