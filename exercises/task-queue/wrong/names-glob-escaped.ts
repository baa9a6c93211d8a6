// fails: enqueue adds the task at the tail of queue:<queue>
// Escapes glob characters in the queue's name, as if a key were a pattern: 'build*' is stored under 'queue:build\*', another key.
import type Redis from 'ioredis';

const queueKey = (queue: string) => `queue:${queue.replace(/[*?[\]\\]/g, '\\$&')}`;

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(queueKey(queue), task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(queueKey(queue));
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
