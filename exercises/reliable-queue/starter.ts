import type Redis from 'ioredis';

export async function enqueue(redis: Redis, job: string): Promise<void> {
  // TODO: add job at the tail of the list queue:jobs.
  void [redis, job];
}

export async function take(
  redis: Redis,
  worker: string,
  timeoutSeconds: number,
): Promise<string | null> {
  // TODO: move the oldest job of queue:jobs to the tail of processing:<worker>, in one command,
  // and return it. On an empty queue, wait up to timeoutSeconds inside Redis, then return null.
  void [redis, worker, timeoutSeconds];
  return null;
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  // TODO: remove one copy of job from processing:<worker>; true if there was one to remove.
  void [redis, worker, job];
  return false;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  // TODO: move every job of processing:<worker> back to the head of queue:jobs, keeping their
  // order, and return how many went back.
  void [redis, worker];
  return 0;
}
