// fails: enqueue returns the length of the queue after the push
// Keeps only the 1000 newest tasks of a queue: under a backlog the oldest are dropped.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  const key = `queue:${queue}`;
  const replies = await redis.multi().rpush(key, task).ltrim(key, -1000, -1).exec();
  return replies?.[0]?.[1] as number;
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
