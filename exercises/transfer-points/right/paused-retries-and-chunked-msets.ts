// Retries by recursion after a short random pause, the balance read as a Buffer; bulkLoad as
// one pipeline of MSETs of 200 users each: several commands, still one round trip.
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function transfer(
  redis: Redis,
  from: string,
  to: string,
  amount: number,
  triesLeft = 20,
): Promise<boolean> {
  if (triesLeft === 0) throw new Error(`transfer ${from} → ${to}: too many conflicts`);
  const fromKey = pointsKey(from);
  await redis.watch(fromKey);
  const raw = await redis.getBuffer(fromKey);
  const balance = raw === null ? 0 : Number.parseInt(raw.toString('utf8'), 10);
  if (!(balance >= amount)) {
    await redis.unwatch();
    return false;
  }
  const done = await redis.multi().incrby(pointsKey(to), amount).decrby(fromKey, amount).exec();
  if (done) return true;
  await pause(5 + Math.floor(Math.random() * 20));
  return transfer(redis, from, to, amount, triesLeft - 1);
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pairs = Object.entries(scores).map(([user, points]) => [pointsKey(user), String(points)]);
  const pipeline = redis.pipeline();
  for (let start = 0; start < pairs.length; start += 200) {
    pipeline.mset(...pairs.slice(start, start + 200).flat());
  }
  await pipeline.exec();
}
