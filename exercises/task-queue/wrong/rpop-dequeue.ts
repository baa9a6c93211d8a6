// fails: dequeue takes the oldest task, from the head of the list
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

// Takes from the tail, where enqueue just pushed: the newest task instead of the oldest.
export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.rpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
