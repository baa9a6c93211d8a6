// fails: two transfers at the same time cannot overdraw the sender
import type Redis from 'ioredis';

const pointsKey = (user: string) => `points:${user}`;

// A lock in the module's memory queues the transfers of this process one after another, so the
// WATCH looks unneeded and exec()'s null is never looked at. But other processes (other
// servers, other workers) do not share this lock: their transfers still interleave in Redis.
let queue: Promise<unknown> = Promise.resolve();

export function transfer(redis: Redis, from: string, to: string, amount: number): Promise<boolean> {
  const run = queue.then(async () => {
    await redis.watch(pointsKey(from));
    const balance = Number((await redis.get(pointsKey(from))) ?? 0);
    if (balance < amount) {
      await redis.unwatch();
      return false;
    }
    await redis.multi().decrby(pointsKey(from), amount).incrby(pointsKey(to), amount).exec();
    return true;
  });
  queue = run.catch(() => undefined);
  return run;
}

export async function bulkLoad(redis: Redis, scores: Record<string, number>): Promise<void> {
  const pipeline = redis.pipeline();
  for (const [user, points] of Object.entries(scores)) pipeline.set(pointsKey(user), points);
  await pipeline.exec();
}
