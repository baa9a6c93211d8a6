// fails: dequeue answers null at once when the queue is empty, without waiting
// Retries LPOP back to back for up to 300 ms before answering null: it waits for a task.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const key = `queue:${queue}`;
  const giveUp = Date.now() + 300;
  for (let tries = 0; ; tries++) {
    const task = await redis.lpop(key);
    if (task !== null || Date.now() >= giveUp || tries >= 200) return task;
  }
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
