import type Redis from 'ioredis';

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  const [[error, length] = []] =
    (await redis.pipeline().rpush(`queue:${queue}`, task).exec()) ?? [];
  if (error) throw error;
  return length as number;
}

// LPOP with a count answers a list, or null when the queue is empty.
export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const taken = await redis.lpop(`queue:${queue}`, 1);
  return taken?.[0] ?? null;
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  const key = 'events:recent';
  await redis.multi().lpush(key, event).ltrim(key, 0, 4).exec();
}
