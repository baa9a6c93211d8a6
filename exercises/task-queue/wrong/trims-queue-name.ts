// fails: enqueue adds the task at the tail of queue:<queue>
// Trims the queue's name: ' emails ' and 'emails' share one list.
import type Redis from 'ioredis';

const keyOf = (queue: string) => `queue:${queue.trim()}`;

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(keyOf(queue), task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(keyOf(queue));
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
