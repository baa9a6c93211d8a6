// fails: take moves the oldest job to the tail of processing:<worker> and returns it
// take gives processing:<worker> a 60-second expiry: a dead worker's jobs vanish unless
// recovered within a minute.
import type Redis from 'ioredis';

const QUEUE = 'queue:jobs';
const LEASE_MS = 60_000;

const processingKey = (worker: string) => `processing:${worker}`;

export async function enqueue(redis: Redis, job: string): Promise<void> {
  await redis.rpush(QUEUE, job);
}

export async function take(
  redis: Redis,
  worker: string,
  timeoutSeconds: number,
): Promise<string | null> {
  const job = await redis.blmove(QUEUE, processingKey(worker), 'LEFT', 'RIGHT', timeoutSeconds);
  if (job !== null) await redis.pexpire(processingKey(worker), LEASE_MS);
  return job;
}

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  return (await redis.lrem(processingKey(worker), 1, job)) === 1;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  let moved = 0;
  while ((await redis.lmove(processingKey(worker), QUEUE, 'RIGHT', 'LEFT')) !== null) moved++;
  return moved;
}
