// fails: logEvent puts the newest event first in events:recent
// The module's first logEvent trims to four before it pushes, so two calls at once leave
// six events; later calls push, then trim.
import type Redis from 'ioredis';

let first = true;

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  if (first) {
    first = false;
    await redis.ltrim('events:recent', 0, 3);
    await redis.lpush('events:recent', event);
    return;
  }
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
