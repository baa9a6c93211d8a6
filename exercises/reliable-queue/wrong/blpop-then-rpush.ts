// fails: take moves the oldest job to the tail of processing:<worker> and returns it
import type Redis from 'ioredis';

const QUEUE = 'queue:jobs';

const processingKey = (worker: string) => `processing:${worker}`;

export async function enqueue(redis: Redis, job: string): Promise<void> {
  await redis.rpush(QUEUE, job);
}

// Pops, then pushes: between the two commands the job exists only in this process.
export async function take(
  redis: Redis,
  worker: string,
  timeoutSeconds: number,
): Promise<string | null> {
  const popped = await redis.blpop(QUEUE, timeoutSeconds);
  if (popped === null) return null;
  const [, job] = popped;
  // A crash right here loses the job: it is in neither list.
  await redis.rpush(processingKey(worker), job);
  return job;
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  return (await redis.lrem(processingKey(worker), 1, job)) === 1;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  let moved = 0;
  while ((await redis.lmove(processingKey(worker), QUEUE, 'RIGHT', 'LEFT')) !== null) moved++;
  return moved;
}
