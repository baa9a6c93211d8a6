// fails: dequeue takes only from queue:<queue>, never from another queue
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

// Turns "no task" into an empty string, which a caller cannot tell from a task named "".
export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return (await redis.lpop(`queue:${queue}`)) ?? '';
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
