// fails: enqueue adds the task at the tail of queue:<queue>
// Pushes onto incoming:<queue>, then moves the task across with LMOVE in one MULTI: it
// writes a key that is not its own, even if it is empty again when the call returns.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  const key = `queue:${queue}`;
  const staging = `incoming:${queue}`;
  const replies = await redis
    .multi()
    .lpush(staging, task)
    .lmove(staging, key, 'LEFT', 'RIGHT')
    .llen(key)
    .exec();
  return replies?.[2]?.[1] as number;
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.lpush('events:recent', event);
  await redis.ltrim('events:recent', 0, 4);
}
