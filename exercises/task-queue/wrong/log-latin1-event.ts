// fails: logEvent puts the newest event first in events:recent
// logEvent pushes the event as latin1 bytes: an event outside ASCII ("café", "日本") is stored garbled.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', Buffer.from(event, 'latin1'));
  await redis.ltrim('events:recent', 0, 4);
}
