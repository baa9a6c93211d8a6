// fails: recover keeps each job in exactly one list at every moment
// when queue:jobs is empty, recover RENAMEs the worker's list over it, WATCHing only the worker's
// list: a job enqueued between its EXISTS and its EXEC is overwritten and lost.
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
  const key = processingKey(worker);
  for (;;) {
    // WATCH the worker's list: a slow worker's ack or take makes the EXEC fail, and we try again.
    await redis.watch(key);
    const held = await redis.llen(key);
    if (held === 0) {
      await redis.unwatch();
      return 0;
    }
    if ((await redis.exists(QUEUE)) === 1) {
      await redis.unwatch();
      break;
    }
    // Nothing waiting: the worker's list, oldest first, becomes the queue in one step.
    const replies = await redis.multi().rename(key, QUEUE).exec();
    if (replies !== null) return held;
  }
  let moved = 0;
  while ((await redis.lmove(key, QUEUE, 'RIGHT', 'LEFT')) !== null) moved++;
  return moved;
}
