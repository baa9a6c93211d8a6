// fails: enqueue adds the task at the tail of queue:<queue>
// The module's first enqueue counts with LLEN after the push, which may include another
// producer's push; later calls return RPUSH's reply.
import type Redis from 'ioredis';

let calls = 0;

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  const key = `queue:${queue}`;
  if (calls++ === 0) {
    await redis.rpush(key, task);
    return redis.llen(key);
  }
  return redis.rpush(key, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
