// fails: take waits inside Redis, with one blocking command given timeoutSeconds
// take is one BLMOVE on the module's first call only; later it BLPOPs the job and RPUSHes it,
// so the job is in neither list in between (races meet first calls only).
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
    return redis.blmove(QUEUE, processingKey(worker), 'LEFT', 'RIGHT', timeoutSeconds);
  }
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
