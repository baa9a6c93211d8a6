// fails: recover puts the worker's jobs back at the head of queue:jobs, in the order taken
// recover stops after 5 moves: a worker that held more keeps the rest for ever.
import type Redis from 'ioredis';

const QUEUE = 'queue:jobs';
const MAX_MOVES = 5;

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
  let moved = 0;
  while (moved < MAX_MOVES) {
    if ((await redis.lmove(processingKey(worker), QUEUE, 'RIGHT', 'LEFT')) === null) break;
    moved++;
  }
  return moved;
}
