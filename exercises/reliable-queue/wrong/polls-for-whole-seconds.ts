// fails: take waits inside Redis, with one blocking command given timeoutSeconds
// BLMOVE for a fractional timeout, but a loop of LMOVE and pauses for whole seconds.
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
  if (!Number.isInteger(timeoutSeconds)) {
    return redis.blmove(QUEUE, processingKey(worker), 'LEFT', 'RIGHT', timeoutSeconds);
  }
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const job = await redis.lmove(QUEUE, processingKey(worker), 'LEFT', 'RIGHT');
    if (job !== null || Date.now() >= deadline) return job;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  return (await redis.lrem(processingKey(worker), 1, job)) === 1;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  let moved = 0;
  while ((await redis.lmove(processingKey(worker), QUEUE, 'RIGHT', 'LEFT')) !== null) moved++;
  return moved;
}
