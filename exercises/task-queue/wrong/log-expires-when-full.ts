// fails: logEvent keeps only the 5 newest events
// Gives the log an hour's TTL whenever it trims it: once full, the log vanishes after a
// quiet hour.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  const length = await redis.lpush('events:recent', event);
  if (length > 5) {
    await redis.multi().ltrim('events:recent', 0, 4).expire('events:recent', 3600).exec();
  }
}
