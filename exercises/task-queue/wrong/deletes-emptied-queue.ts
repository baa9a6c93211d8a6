// fails: dequeues at the same time as other clients never hand out a task twice, nor lose one
// Pops, then deletes the queue when LLEN says it is empty: a task pushed between the LLEN
// and the DEL is deleted with it.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const key = `queue:${queue}`;
  const task = await redis.lpop(key);
  if (task !== null && (await redis.llen(key)) === 0) await redis.del(key);
  return task;
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
