// fails: logEvent keeps only the 5 newest events
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

// Never trims: the list grows by one with every event.
export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
}
