// fails: dequeue answers null at once when the queue is empty, without waiting
// Polls LPOP every 50 ms for 600 ms before answering null: it waits for a task to arrive.
import type Redis from 'ioredis';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const key = `queue:${queue}`;
  for (let waited = 0; ; waited += 50) {
    const task = await redis.lpop(key);
    if (task !== null || waited >= 600) return task;
    await sleep(50);
  }
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
