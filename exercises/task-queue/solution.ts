import type Redis from 'ioredis';

const RECENT_EVENTS = 5;

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  // Tasks go in at the tail and come out of the head: the oldest leaves first.
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  // LTRIM's stop is included: 0..4 keeps five events.
  await redis.ltrim('events:recent', 0, RECENT_EVENTS - 1);
}
