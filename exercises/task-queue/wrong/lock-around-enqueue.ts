// fails: enqueue adds the task at the tail of queue:<queue>
// Guards each push with a lock key (SET lock:queue:<queue> NX PX, RPUSH, DEL): it writes
// a key that is not its own, even if the key is gone again when it returns.
import type Redis from 'ioredis';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  const key = `queue:${queue}`;
  const lock = `lock:${key}`;
  while ((await redis.set(lock, '1', 'PX', 1000, 'NX')) === null) await sleep(5);
  try {
    return await redis.rpush(key, task);
  } finally {
    await redis.del(lock);
  }
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
