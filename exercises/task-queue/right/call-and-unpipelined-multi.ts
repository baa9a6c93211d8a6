// Every command through call(); logEvent in multi({ pipeline: false }): MULTI goes out at once,
// the next commands answer QUEUED, and EXEC runs them together.
import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return (await redis.call('RPUSH', `queue:${queue}`, task)) as number;
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return (await redis.call('LPOP', `queue:${queue}`)) as string | null;
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.multi({ pipeline: false });
  await redis.call('LPUSH', 'events:recent', event);
  await redis.call('LTRIM', 'events:recent', 0, 4);
  await redis.exec();
}
