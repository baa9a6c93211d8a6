// fails: tasks come out of the queue in the order they went in
// enqueue cuts a task to its first 1000 characters "to keep Redis small": a longer task comes out cut.
import type Redis from 'ioredis';

const MAX_TASK = 1000;

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task.slice(0, MAX_TASK));
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
