// fails: enqueue adds the task at the tail of queue:<queue>
import type Redis from 'ioredis';

// Pushes new tasks onto the head, the same end dequeue takes from: the newest task leaves first.
export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.lpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
