// Right, written differently: every command through call(), take as BLMOVE with its timeout as
// a string, ack's count of 1 as a string, and recover moving one job at a time with
// RPOPLPUSH, which pops the worker's newest job and pushes it onto the queue's head, as LMOVE
// RIGHT LEFT does.
import type Redis from 'ioredis';

const QUEUE = 'queue:jobs';
const processingKey = (worker: string) => `processing:${worker}`;

export async function enqueue(redis: Redis, job: string): Promise<void> {
  await redis.call('RPUSH', QUEUE, job);
}

export async function take(
  redis: Redis,
  worker: string,
  timeoutSeconds: number,
): Promise<string | null> {
  const job = await redis.call(
    'BLMOVE',
    QUEUE,
    processingKey(worker),
    'LEFT',
    'RIGHT',
    String(timeoutSeconds),
  );
  return typeof job === 'string' ? job : null;
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  return Number(await redis.call('LREM', processingKey(worker), '1', job)) === 1;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  let moved = 0;
  while ((await redis.rpoplpush(processingKey(worker), QUEUE)) !== null) moved += 1;
  return moved;
}
