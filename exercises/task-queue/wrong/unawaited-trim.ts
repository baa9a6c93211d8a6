// fails: logEvent puts the newest event first in events:recent
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

// The trim is sent but not awaited: logEvent returns before Redis has answered it.
export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  redis.ltrim('events:recent', 0, 4);
}
