// fails: dequeue takes the oldest task, from the head of the list
// The module's first dequeue reads the head with LINDEX and removes it with LREM, so two
// workers can take the same task; later calls use LPOP.
import type Redis from 'ioredis';

let first = true;

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const key = `queue:${queue}`;
  if (first) {
    first = false;
    const head = await redis.lindex(key, 0);
    if (head !== null) await redis.lrem(key, 1, head);
    return head;
  }
  return redis.lpop(key);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
