// fails: take waits inside Redis, with one blocking command given timeoutSeconds
// take rounds timeoutSeconds to a tenth of a second: 0.15 waits 0.1 (or 0.2), not the timeout given.
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
  const seconds = Number(timeoutSeconds.toFixed(1));
  return redis.blmove(QUEUE, processingKey(worker), 'LEFT', 'RIGHT', seconds);
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  return (await redis.lrem(processingKey(worker), 1, job)) === 1;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  let moved = 0;
  while ((await redis.lmove(processingKey(worker), QUEUE, 'RIGHT', 'LEFT')) !== null) moved++;
  return moved;
}
