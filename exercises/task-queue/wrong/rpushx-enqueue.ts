// fails: enqueue adds the task at the tail of queue:<queue>
import type Redis from 'ioredis';

// RPUSHX pushes only onto a list that exists: the first task of a queue is dropped.
export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpushx(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
