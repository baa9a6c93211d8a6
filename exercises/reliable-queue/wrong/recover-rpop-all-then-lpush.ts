// fails: jobs come out in the order they went in, and recovered jobs before newer ones
// recover pops every job with RPOP key count, then LPUSHes them in a second command: in between
// the jobs are in neither list.
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
  // Newest first: [c, b, a]. LPUSH c, b, a leaves a, b, c at the head.
  const popped = await redis.rpop(processingKey(worker), 1_000_000);
  if (popped === null || popped.length === 0) return 0;
  await redis.lpush(QUEUE, ...popped);
  return popped.length;
}
