// fails: logEvent puts the newest event first in events:recent
// Gives the log a 10-minute TTL on every call: after a quiet spell the dashboard is empty.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis
    .multi()
    .lpush('events:recent', event)
    .ltrim('events:recent', 0, 4)
    .expire('events:recent', 600)
    .exec();
}
