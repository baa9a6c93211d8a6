import type Redis from 'ioredis';

// Reads and writes grouped in MULTI, so that no other client's command lands in between.
export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  const key = `queue:${queue}`;
  const replies = await redis.multi().rpush(key, task).llen(key).exec();
  const [, length] = replies?.[1] ?? [];
  return length as number;
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const key = `queue:${queue}`;
  const replies = await redis.multi().lrange(key, 0, 0).ltrim(key, 1, -1).exec();
  const head = replies?.[0]?.[1] as string[] | undefined;
  return head?.[0] ?? null;
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.pipeline().lpush('events:recent', event).ltrim('events:recent', 0, 4).exec();
}
