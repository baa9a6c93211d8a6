// fails: logEvent puts the newest event first in events:recent
// Pushes then trims on the module's first call only; later calls trim to four first, so two at
// once leave six events.
import type Redis from 'ioredis';

let calls = 0;

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  if (calls++ === 0) {
    await redis.lpush('events:recent', event);
    await redis.ltrim('events:recent', 0, 4);
    return;
  }
  await redis.ltrim('events:recent', 0, 3);
  await redis.lpush('events:recent', event);
}
