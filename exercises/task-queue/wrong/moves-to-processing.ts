// fails: dequeue takes the oldest task, from the head of the list
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

// A reliable queue moves the task into a processing list; this exercise's dequeue removes it,
// and the extra list is a key nobody asked for.
export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lmove(`queue:${queue}`, `processing:${queue}`, 'LEFT', 'RIGHT');
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
