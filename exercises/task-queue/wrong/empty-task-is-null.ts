// fails: tasks come out of the queue in the order they went in
// `|| null` turns an empty-string task into null: the task is taken, and the caller told the
// queue is empty.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const task = await redis.lpop(`queue:${queue}`);
  return task || null;
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
