// fails: recover puts the worker's jobs back at the head of queue:jobs, in the order taken
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

// Atomic, but LPUSH of the jobs oldest first leaves the newest in front.
export async function recover(redis: Redis, worker: string): Promise<number> {
  // One script: LRANGE the worker's list, push each job back onto the head, delete the list.
  const moved = await redis.eval(
    `local jobs = redis.call('LRANGE', KEYS[1], 0, -1)
     for _, job in ipairs(jobs) do redis.call('LPUSH', KEYS[2], job) end
     redis.call('DEL', KEYS[1])
     return #jobs`,
    2,
    processingKey(worker),
    QUEUE,
  );
  return Number(moved);
}
