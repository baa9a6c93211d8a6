// fails: enqueue returns the length of the queue after the push
// Looks for the queue with KEYS queue:* and pushes onto a name that matches ignoring case,
// another queue's list.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  const existing = await redis.keys('queue:*');
  const wanted = `queue:${queue}`.toLowerCase();
  const key = existing.find((name) => name.toLowerCase() === wanted) ?? `queue:${queue}`;
  return redis.rpush(key, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
