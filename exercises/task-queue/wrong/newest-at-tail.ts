// fails: logEvent puts the newest event first in events:recent
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

// Keeps the five newest, but at the tail: LRANGE 0 -1 then shows the oldest first.
export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.rpush('events:recent', event);
  await redis.ltrim('events:recent', -5, -1);
}
