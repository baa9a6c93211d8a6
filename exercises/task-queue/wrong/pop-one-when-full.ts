// fails: logEvent cuts a log longer than 5 down to the 5 newest
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

// Drops one old event when the log is over five: a log that was longer stays too long.
export async function logEvent(redis: Redis, event: string): Promise<void> {
  const length = await redis.lpush('events:recent', event);
  if (length > 5) await redis.rpop('events:recent');
}
