// fails: enqueue adds the task at the tail of queue:<queue>
// Gives a queue a day's TTL when its first task creates it: tasks still waiting then vanish.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  const key = `queue:${queue}`;
  const length = await redis.rpush(key, task);
  if (length === 1) await redis.expire(key, 86_400);
  return length;
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
