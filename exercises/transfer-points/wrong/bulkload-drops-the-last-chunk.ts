// fails: bulkLoad stores every user's points under points:<user>
// MSETs of 500 users in one pipeline, counted with Math.floor: a load of 501 to 999 users stores
// the first 500 only.
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;
const CHUNK = 500;

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
  const entries = Object.entries(scores);
  const chunks = Math.max(1, Math.floor(entries.length / CHUNK));
  const pipeline = redis.pipeline();
  for (let index = 0; index < chunks; index++) {
    const chunk = entries.slice(index * CHUNK, (index + 1) * CHUNK);
    pipeline.mset(...chunk.flatMap(([user, points]) => [pointsKey(user), points]));
  }
  await pipeline.exec();
}
