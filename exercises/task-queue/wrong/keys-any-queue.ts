// fails: dequeue takes only from queue:<queue>, never from another queue
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

// Looks for a queue with KEYS instead of building the key from the name it was given: with
// several queues in Redis it takes from whichever comes first.
export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const keys = await redis.keys('queue:*');
  const key = keys.includes(`queue:${queue}`) ? `queue:${queue}` : keys[0];
  if (key === undefined) return null;
  return redis.lpop(key);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
