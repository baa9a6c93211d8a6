// fails: jobs come out in the order they went in, and recovered jobs before newer ones
// recover moves the jobs one LMOVE at a time, then DELs processing:<worker>: a job the slow
// worker takes between the last LMOVE and the DEL is lost.
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
  let moved = 0;
  while ((await redis.lmove(key, QUEUE, 'RIGHT', 'LEFT')) !== null) moved++;
  await redis.del(key); // leave no processing:<worker> key behind
  return moved;
}
