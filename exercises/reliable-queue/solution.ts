import type Redis from 'ioredis';

const QUEUE = 'queue:jobs';

const processingKey = (worker: string) => `processing:${worker}`;

export async function enqueue(redis: Redis, job: string): Promise<void> {
  // The tail: jobs leave from the head, so the oldest job goes first.
  await redis.rpush(QUEUE, job);
}

export async function take(
  redis: Redis,
  worker: string,
  timeoutSeconds: number,
): Promise<string | null> {
  // One command takes the oldest job and files it in the worker's own list, so the job is
  // never held only by this process. On an empty queue BLMOVE waits in Redis, up to
  // timeoutSeconds (a fraction of a second is fine), and answers null if nothing came.
  return redis.blmove(QUEUE, processingKey(worker), 'LEFT', 'RIGHT', timeoutSeconds);
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  // A count of 1 removes one copy, searching from the head: the copy the worker took first.
  const removed = await redis.lrem(processingKey(worker), 1, job);
  return removed === 1;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  let moved = 0;
  // The newest job (the tail) goes back first, each one onto the head of the queue, so the
  // oldest ends up in front. Each LMOVE is atomic: a job is always in one list or the other,
  // and a job that another client moved or acked meanwhile is simply not there to move.
  while ((await redis.lmove(processingKey(worker), QUEUE, 'RIGHT', 'LEFT')) !== null) {
    moved++;
  }
  return moved;
}
