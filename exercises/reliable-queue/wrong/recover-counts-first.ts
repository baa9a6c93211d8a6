// fails: two recovers of the same worker at the same time put each job back once
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

// Counts the jobs first: an ack in between leaves one move with nothing to move.
export async function recover(redis: Redis, worker: string): Promise<number> {
  const key = processingKey(worker);
  const count = await redis.llen(key);
  for (let i = 0; i < count; i++) await redis.lmove(key, QUEUE, 'RIGHT', 'LEFT');
  return count;
}
