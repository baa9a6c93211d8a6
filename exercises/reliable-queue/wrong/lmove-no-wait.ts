// fails: take on an empty queue waits about timeoutSeconds, then returns null
import type Redis from 'ioredis';

const QUEUE = 'queue:jobs';

const processingKey = (worker: string) => `processing:${worker}`;

export async function enqueue(redis: Redis, job: string): Promise<void> {
  await redis.rpush(QUEUE, job);
}

// Moves the job atomically, but answers null at once on an empty queue: it never waits.
export async function take(
  redis: Redis,
  worker: string,
  _timeoutSeconds: number,
): Promise<string | null> {
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
