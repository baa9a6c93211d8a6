// fails: dequeue takes only from queue:<queue>, never from another queue
// Remembers a queue that answered empty and answers null from memory: tasks other clients
// push later are never handed out.
import type Redis from 'ioredis';

const knownEmpty = new Set<string>();

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  knownEmpty.delete(queue);
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  if (knownEmpty.has(queue)) return null;
  const task = await redis.lpop(`queue:${queue}`);
  if (task === null) knownEmpty.add(queue);
  return task;
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
