// fails: logEvent keeps only the 5 newest events
// Removes earlier copies of the event before pushing it: the log keeps the 5 newest distinct
// events, so an event older than the 5 newest stays.
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
    .lrem('events:recent', 0, event)
    .lpush('events:recent', event)
    .ltrim('events:recent', 0, 4)
    .exec();
}
