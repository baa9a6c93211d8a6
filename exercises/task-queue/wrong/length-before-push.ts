// fails: enqueue returns the length of the queue after the push
import type Redis from 'ioredis';

// Reads the length before pushing, so it is one short.
export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  const length = await redis.llen(`queue:${queue}`);
  await redis.rpush(`queue:${queue}`, task);
  return length;
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
