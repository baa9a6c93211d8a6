// Inside MULTI a blocking pop does not block: Redis runs BLPOP there as LPOP and answers nil
// at once on an empty queue.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const replies = await redis.multi().blpop(`queue:${queue}`, 1).exec();
  const popped = replies?.[0]?.[1] as [string, string] | null | undefined;
  return popped?.[1] ?? null;
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.multi().lpush('events:recent', event).ltrim('events:recent', 0, 4).exec();
}
