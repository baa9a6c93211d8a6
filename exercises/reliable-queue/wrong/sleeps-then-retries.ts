// fails: take waits inside Redis, with one blocking command given timeoutSeconds
import type Redis from 'ioredis';

const QUEUE = 'queue:jobs';

const processingKey = (worker: string) => `processing:${worker}`;

export async function enqueue(redis: Redis, job: string): Promise<void> {
  await redis.rpush(QUEUE, job);
}

// Waits out the whole timeout before looking again: a job that arrives meanwhile waits too.
export async function take(
  redis: Redis,
  worker: string,
  timeoutSeconds: number,
): Promise<string | null> {
  const job = await redis.lmove(QUEUE, processingKey(worker), 'LEFT', 'RIGHT');
  if (job !== null) return job;
  await new Promise((resolve) => setTimeout(resolve, timeoutSeconds * 1000));
  return redis.lmove(QUEUE, processingKey(worker), 'LEFT', 'RIGHT');
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  return (await redis.lrem(processingKey(worker), 1, job)) === 1;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  let moved = 0;
  while ((await redis.lmove(processingKey(worker), QUEUE, 'RIGHT', 'LEFT')) !== null) moved++;
  return moved;
}
