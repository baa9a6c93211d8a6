// fails: dequeues at the same time as other clients never hand out a task twice, nor lose one
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

// Reads the head, then cuts it off: two workers can both read the same task before either trims,
// and the second trim then throws away a task nobody got.
export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const key = `queue:${queue}`;
  const [task] = await redis.lrange(key, 0, 0);
  if (task === undefined) return null;
  await redis.ltrim(key, 1, -1);
  return task;
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
