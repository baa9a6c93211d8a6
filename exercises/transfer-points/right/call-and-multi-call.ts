// Every command through call(), the transaction queued with multi().call(), the retry as
// bounded recursion; bulkLoad as one pipeline of call('SET', …).
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

async function attempt(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
  left: number,
): Promise<boolean> {
  if (left === 0) throw new Error(`transfer from ${from}: gave up, the balance kept changing`);
  await redis.call('WATCH', pointsKey(from));
  const raw = (await redis.call('GET', pointsKey(from))) as string | null;
  const balance = raw === null ? 0 : Number.parseInt(raw, 10);
  if (balance < amount) {
    await redis.call('UNWATCH');
    return false;
  }
  const replies = await redis
    .multi()
    .call('DECRBY', pointsKey(from), String(amount))
    .call('INCRBY', pointsKey(to), String(amount))
    .exec();
  if (replies === null) return attempt(redis, from, to, amount, left - 1);
  return true;
}

export function transfer(redis: Redis, from: string, to: string, amount: number): Promise<boolean> {
  return attempt(redis, from, to, amount, 20);
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const user of Object.keys(scores))
    pipeline.call('SET', pointsKey(user), String(scores[user]));
  const replies = (await pipeline.exec()) ?? [];
  for (const [error] of replies) if (error) throw error;
}
