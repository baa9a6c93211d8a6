// fails: ack removes the job from processing:<worker> only, and returns true
// ack deletes the worker's list once it looks empty (LLEN, then DEL): a job the worker takes in between is deleted with it.
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
  const key = processingKey(worker);
  const removed = await redis.lrem(key, 1, job);
  if (removed === 1 && (await redis.llen(key)) === 0) await redis.del(key);
  return removed === 1;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  let moved = 0;
  while ((await redis.lmove(processingKey(worker), QUEUE, 'RIGHT', 'LEFT')) !== null) moved++;
  return moved;
}
