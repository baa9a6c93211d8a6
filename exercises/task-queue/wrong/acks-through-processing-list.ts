// fails: dequeue takes the oldest task, from the head of the list
// Moves the task into processing:<queue> with LMOVE, then removes it there: it writes a key
// that is not its own, even if the key is gone again when it returns.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const processing = `processing:${queue}`;
  const task = await redis.lmove(`queue:${queue}`, processing, 'LEFT', 'RIGHT');
  if (task !== null) await redis.lrem(processing, 1, task);
  return task;
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
