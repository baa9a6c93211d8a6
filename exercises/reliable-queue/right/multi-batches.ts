// recover moves jobs in MULTI batches of LMOVE, counted from the replies; take through
// call(); ack one LREM in a MULTI.
import type Redis from 'ioredis';

const QUEUE = 'queue:jobs';
const processingKey = (worker: string) => `processing:${worker}`;

export async function enqueue(redis: Redis, job: string): Promise<void> {
  const replies = await redis.multi().rpush(QUEUE, job).exec();
  if (!replies) throw new Error('enqueue aborted');
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
  return job === null ? null : String(job);
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  const replies = await redis.multi().lrem(processingKey(worker), 1, job).exec();
  if (!replies) throw new Error('ack aborted');
  const [error, removed] = replies[0] as [Error | null, number];
  if (error) throw error;
  return removed === 1;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  const key = processingKey(worker);
  let moved = 0;
  for (;;) {
    const size = await redis.llen(key);
    if (size === 0) return moved;
    const batch = redis.multi();
    for (let i = 0; i < size; i++) batch.lmove(key, QUEUE, 'RIGHT', 'LEFT');
    const replies = await batch.exec();
    if (!replies) throw new Error('recover aborted');
    const done = replies.filter(([error, job]) => !error && job !== null).length;
    moved += done;
    if (done === 0) return moved;
  }
}
