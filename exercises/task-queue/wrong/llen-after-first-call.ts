// fails: enqueue returns the length of the queue after the push
// Returns RPUSH's reply on the module's first call only; later calls count with LLEN after the
// push, which may include another producer's push.
import type Redis from 'ioredis';

let calls = 0;

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  const key = `queue:${queue}`;
  if (calls++ === 0) return redis.rpush(key, task);
  await redis.rpush(key, task);
  return redis.llen(key);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
