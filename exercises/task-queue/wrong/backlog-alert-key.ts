// fails: enqueue returns the length of the queue after the push
// Writes the queue's length into the hash alerts:backlog when over 1000 tasks wait: it
// changes a key that is not its own.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  const length = await redis.rpush(`queue:${queue}`, task);
  if (length > 1000) await redis.hset('alerts:backlog', queue, length);
  return length;
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
