// fails: take moves the oldest job to the tail of processing:<worker> and returns it
// take reads the job it moved as bytes and decodes them as latin1: a job outside ASCII ("café") comes back garbled.
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
  const job = await redis.blmoveBuffer(
    QUEUE,
    processingKey(worker),
    'LEFT',
    'RIGHT',
    timeoutSeconds,
  );
  return job === null ? null : job.toString('latin1');
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  return (await redis.lrem(processingKey(worker), 1, job)) === 1;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  let moved = 0;
  while ((await redis.lmove(processingKey(worker), QUEUE, 'RIGHT', 'LEFT')) !== null) moved++;
  return moved;
}
