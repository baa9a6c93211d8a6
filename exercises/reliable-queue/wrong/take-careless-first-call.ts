// fails: take moves the oldest job to the tail of processing:<worker> and returns it
// on the module's first call, take LPOPs the job and then RPUSHes it (in neither list in
// between); later calls use BLMOVE.
import type Redis from 'ioredis';

const QUEUE = 'queue:jobs';

const processingKey = (worker: string) => `processing:${worker}`;

export async function enqueue(redis: Redis, job: string): Promise<void> {
  await redis.rpush(QUEUE, job);
}

let firstTake = true;

export async function take(
  redis: Redis,
  worker: string,
  timeoutSeconds: number,
): Promise<string | null> {
  if (firstTake) {
    firstTake = false;
    const job = await redis.lpop(QUEUE);
    if (job !== null) {
      await redis.rpush(processingKey(worker), job);
      return job;
    }
  }
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
