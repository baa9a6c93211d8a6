// fails: enqueue adds the task at the tail of queue:<queue>
import type Redis from 'ioredis';

// Counts the queue with a second command: another producer's push can land in between.
export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  await redis.rpush(`queue:${queue}`, task);
  return redis.llen(`queue:${queue}`);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
