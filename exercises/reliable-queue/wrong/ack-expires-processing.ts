// fails: ack removes the job from processing:<worker> only, and returns true
// ack gives processing:<worker> a one-day EXPIRE as a "heartbeat": a dead worker's jobs vanish
// if nobody recovers it within a day.
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

const HEARTBEAT_SECONDS = 86_400;

export async function ack(redis: Redis, worker: string, job: string): Promise<boolean> {
  const key = processingKey(worker);
  const removed = await redis.lrem(key, 1, job);
  if (removed !== 1) return false;
  // The worker is alive: drop its list if it goes quiet for a day.
  await redis.expire(key, HEARTBEAT_SECONDS);
  return true;
}

export async function recover(redis: Redis, worker: string): Promise<number> {
  let moved = 0;
  while ((await redis.lmove(processingKey(worker), QUEUE, 'RIGHT', 'LEFT')) !== null) moved++;
  return moved;
}
