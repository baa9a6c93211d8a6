// fails: enqueue adds the job at the tail of queue:jobs
// enqueue trims queue:jobs to its newest 10,000 jobs: the oldest waiting jobs are dropped once
// the queue is long.
import type Redis from 'ioredis';

const QUEUE = 'queue:jobs';

const processingKey = (worker: string) => `processing:${worker}`;

const MAX_QUEUED = 10_000;

export async function enqueue(redis: Redis, job: string): Promise<void> {
  await redis.multi().rpush(QUEUE, job).ltrim(QUEUE, -MAX_QUEUED, -1).exec();
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
  let moved = 0;
  while ((await redis.lmove(processingKey(worker), QUEUE, 'RIGHT', 'LEFT')) !== null) moved++;
  return moved;
}
