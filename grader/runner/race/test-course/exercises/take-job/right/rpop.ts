import type Redis from 'ioredis';

// The queue the other way round: LPUSH to add, RPOP to take.
export async function addJob(redis: Redis, queue: string, job: string): Promise<void> {
  await redis.lpush(`jobs:${queue}`, job);
}

export async function takeJob(redis: Redis, queue: string): Promise<string | null> {
  return redis.rpop(`jobs:${queue}`);
}

export async function waitForJob(redis: Redis, queue: string): Promise<string | null> {
  const reply = await redis.brpop(`jobs:${queue}`, 0);
  return reply?.[1] ?? null;
}
