// fails: enqueue adds the task at the tail of queue:<queue>
// Trims the queue to its 5 newest tasks after each push, as the log is: older tasks are lost.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  const key = `queue:${queue}`;
  const replies = await redis.multi().rpush(key, task).ltrim(key, -5, -1).exec();
  return replies?.[0]?.[1] as number;
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
