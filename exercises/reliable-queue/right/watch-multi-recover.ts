// recover as an optimistic transaction: WATCH the worker's list, LRANGE it, then LPUSH the jobs
// and DEL the list in one MULTI, trying again when EXEC answers null.
import type Redis from 'ioredis';

const QUEUE = 'queue:jobs';

const processingKey = (worker: string) => `processing:${worker}`;

export async function enqueue(redis: Redis, job: string): Promise<void> {
  await redis.rpush(QUEUE, job);
}

export async function take(
  redis: Redis,
  worker: string,
  timeoutSeconds: number,
): Promise<string | null> {
  return redis.blmove(QUEUE, processingKey(worker), 'LEFT', 'RIGHT', timeoutSeconds);
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  return (await redis.lrem(processingKey(worker), 1, job)) === 1;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  const key = processingKey(worker);
  for (;;) {
    await redis.watch(key);
    const jobs = await redis.lrange(key, 0, -1);
    if (jobs.length === 0) {
      await redis.unwatch();
      return 0;
    }
    // LPUSH pushes its arguments one by one onto the head: the newest first keeps the order.
    const replies = await redis
      .multi()
      .lpush(QUEUE, ...[...jobs].reverse())
      .del(key)
      .exec();
    if (replies !== null) return jobs.length;
  }
}
