// fails: take receives a job pushed while it waits
// LMOVE when a job is there, BRPOPLPUSH when it must wait: of jobs that arrive together it
// takes the newest, from the tail.
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
  return redis.brpoplpush(QUEUE, processingKey(worker), timeoutSeconds);
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  return (await redis.lrem(processingKey(worker), 1, job)) === 1;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  let moved = 0;
  while ((await redis.lmove(processingKey(worker), QUEUE, 'RIGHT', 'LEFT')) !== null) moved++;
  return moved;
}
