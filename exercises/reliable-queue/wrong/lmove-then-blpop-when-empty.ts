// fails: take waits inside Redis, with one blocking command given timeoutSeconds
// LMOVE when a job is there, but on an empty queue BLPOP then RPUSH: the job that arrives
// while take waits is only in the worker's memory between the two commands.
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
  const popped = await redis.blpop(QUEUE, timeoutSeconds);
  if (popped === null) return null;
  const [, job] = popped;
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
