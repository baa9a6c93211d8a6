// fails: take receives a job pushed while it waits
// LMOVE LEFT RIGHT when a job is there, but BLMOVE LEFT LEFT when it must wait: a job that
// arrives meanwhile goes to the head of processing:<worker>, before jobs taken earlier.
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
  const now = await redis.lmove(QUEUE, processingKey(worker), 'LEFT', 'RIGHT');
  if (now !== null) return now;
  return redis.blmove(QUEUE, processingKey(worker), 'LEFT', 'LEFT', timeoutSeconds);
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  return (await redis.lrem(processingKey(worker), 1, job)) === 1;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  let moved = 0;
  while ((await redis.lmove(processingKey(worker), QUEUE, 'RIGHT', 'LEFT')) !== null) moved++;
  return moved;
}
