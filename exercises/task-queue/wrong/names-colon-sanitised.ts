// fails: enqueue adds the task at the tail of queue:<queue>
// Replaces every ':' in the queue's name by '-', "so that the key has one colon": 'emails:urgent' and 'emails-urgent' share one list.
import type Redis from 'ioredis';

const queueKey = (queue: string) => `queue:${queue.replace(/:/g, '-')}`;

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
