import type Redis from 'ioredis';

export async function addJob(redis: Redis, queue: string, job: string): Promise<void> {
  await redis.rpush(`jobs:${queue}`, job);
}

// Reads the first job and trims it in one MULTI transaction: nothing runs between the two.
export async function takeJob(redis: Redis, queue: string): Promise<string | null> {
  const replies = await redis
    .multi()
    .lrange(`jobs:${queue}`, 0, 0)
    .ltrim(`jobs:${queue}`, 1, -1)
    .exec();
  const [job] = (replies?.[0]?.[1] as string[] | undefined) ?? [];
  return job ?? null;
}

export async function waitForJob(redis: Redis, queue: string): Promise<string | null> {
  const reply = await redis.blpop(`jobs:${queue}`, 0);
  return reply?.[1] ?? null;
}
