// fails: tasks come out of the queue in the order they went in
// dequeue normalises the task it pops (NFC), "so that accents compare equal": a task written in decomposed form comes out changed.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const task = await redis.lpop(`queue:${queue}`);
  return task === null ? null : task.normalize('NFC');
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
