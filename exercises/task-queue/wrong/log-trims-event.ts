// fails: logEvent puts the newest event first in events:recent
// logEvent trims the event before it logs it: an event with spaces at its ends is logged changed.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event.trim());
  await redis.ltrim('events:recent', 0, 4);
}
