// The transaction given to multi() as an array of commands, UNWATCH sent with call(); bulkLoad
// as one MULTI/EXEC of SETs.
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
): Promise<boolean> {
  const key = pointsKey(from);
  let tries = 0;
  while (true) {
    tries += 1;
    await redis.watch(key);
    const held = await redis.get(key);
    const balance = held === null ? 0 : Number(held);
    if (!(balance >= amount)) {
      await redis.call('UNWATCH');
      return false;
    }
    const replies = await redis
      .multi([
        ['decrby', key, String(amount)],
        ['incrby', pointsKey(to), String(amount)],
      ])
      .exec();
    if (replies) return true;
    if (tries >= 25) throw new Error('transfer: gave up after 25 conflicts');
  }
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const tx = redis.multi();
  for (const user in scores) tx.set(pointsKey(user), String(scores[user]));
  await tx.exec();
}
