// fails: enqueue adds the task at the tail of queue:<queue>
// Gives the queue an hour's TTL on every push: tasks nobody takes within the hour vanish.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  const key = `queue:${queue}`;
  const replies = await redis.multi().rpush(key, task).expire(key, 3600).exec();
  return replies?.[0]?.[1] as number;
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
