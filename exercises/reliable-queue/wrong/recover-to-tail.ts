// fails: jobs come out in the order they went in, and recovered jobs before newer ones
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

// Sends the jobs to the back of the queue, as if they had just been queued.
export async function recover(redis: Redis, worker: string): Promise<number> {
  let moved = 0;
  while ((await redis.lmove(processingKey(worker), QUEUE, 'LEFT', 'RIGHT')) !== null) moved++;
  return moved;
}
