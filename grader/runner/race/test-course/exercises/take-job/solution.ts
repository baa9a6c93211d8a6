import type Redis from 'ioredis';

export async function addJob(redis: Redis, queue: string, job: string): Promise<void> {
  await redis.rpush(`jobs:${queue}`, job);
}

export async function takeJob(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`jobs:${queue}`);
}

export async function waitForJob(redis: Redis, queue: string): Promise<string | null> {
  const reply = await redis.blpop(`jobs:${queue}`, 0);
  return reply?.[1] ?? null;
}
