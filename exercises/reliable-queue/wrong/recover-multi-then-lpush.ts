// fails: jobs come out in the order they went in, and recovered jobs before newer ones
// recover reads and deletes the worker's list in one MULTI, then pushes the jobs back: between
// EXEC and LPUSH the jobs are in neither list.
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
  const replies = await redis.multi().lrange(key, 0, -1).del(key).exec();
  const jobs = (replies?.[0]?.[1] ?? []) as string[];
  if (jobs.length === 0) return 0;
  await redis.lpush(QUEUE, ...[...jobs].reverse());
  return jobs.length;
}
