// fails: dequeue takes the oldest task, from the head of the list
// Pops atomically on the module's first call only; later calls read the head with LINDEX and
// remove it with LREM, so two workers can take the same task.
import type Redis from 'ioredis';

let calls = 0;

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const key = `queue:${queue}`;
  if (calls++ === 0) return redis.lpop(key);
  const head = await redis.lindex(key, 0);
  if (head === null) return null;
  await redis.lrem(key, 1, head);
  return head;
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
