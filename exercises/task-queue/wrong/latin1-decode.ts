// fails: tasks come out of the queue in the order they went in
// Pops the task as bytes and decodes them as latin1: a task outside ASCII comes out
// garbled ("café" as "cafÃ©").
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const bytes = await redis.lpopBuffer(`queue:${queue}`);
  return bytes === null ? null : bytes.toString('latin1');
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
