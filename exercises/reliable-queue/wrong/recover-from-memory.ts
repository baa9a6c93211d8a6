// fails: jobs come out in the order they went in, and recovered jobs before newer ones
import type Redis from 'ioredis';

const QUEUE = 'queue:jobs';

const processingKey = (worker: string) => `processing:${worker}`;

// What each worker took, remembered here to put back later.
const taken = new Map<string, string[]>();

export async function enqueue(redis: Redis, job: string): Promise<void> {
  await redis.rpush(QUEUE, job);
}

export async function take(
  redis: Redis,
  worker: string,
  timeoutSeconds: number,
): Promise<string | null> {
  const job = await redis.blmove(QUEUE, processingKey(worker), 'LEFT', 'RIGHT', timeoutSeconds);
  if (job !== null) taken.set(worker, [...(taken.get(worker) ?? []), job]);
  return job;
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  return (await redis.lrem(processingKey(worker), 1, job)) === 1;
}

// Only this process saw the takes: a supervisor elsewhere finds nothing to recover.
export async function recover(redis: Redis, worker: string): Promise<number> {
  const jobs = taken.get(worker) ?? [];
  taken.delete(worker);
  if (jobs.length === 0) return 0;
  await redis
    .multi()
    .lpush(QUEUE, ...[...jobs].reverse())
    .del(processingKey(worker))
    .exec();
  return jobs.length;
}
