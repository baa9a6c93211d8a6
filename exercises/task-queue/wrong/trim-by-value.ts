// fails: logEvent keeps only the 5 newest events
// Trims by value (LRANGE 5 -1, then LREM 1 of each): an event that falls off while a newer copy
// of it is in the log removes that newer copy instead.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  const fellOff = await redis.lrange('events:recent', 5, -1);
  for (const old of fellOff) await redis.lrem('events:recent', 1, old);
}
