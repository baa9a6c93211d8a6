// fails: enqueue returns the length of the queue after the push
import type Redis from 'ioredis';

// Counts pushes in the module: tasks other clients push are not counted.
const lengths = new Map<string, number>();

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  await redis.rpush(`queue:${queue}`, task);
  const length = (lengths.get(queue) ?? 0) + 1;
  lengths.set(queue, length);
  return length;
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
