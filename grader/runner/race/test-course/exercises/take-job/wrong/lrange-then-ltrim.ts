// fails: two workers taking at the same time each get a job of their own
import type Redis from 'ioredis';

export async function addJob(redis: Redis, queue: string, job: string): Promise<void> {
  await redis.rpush(`jobs:${queue}`, job);
}

// Looks at the first job, then removes it: two workers can both see the same first job.
export async function takeJob(redis: Redis, queue: string): Promise<string | null> {
  const [job] = await redis.lrange(`jobs:${queue}`, 0, 0);
  await redis.ltrim(`jobs:${queue}`, 1, -1);
  return job ?? null;
}

export async function waitForJob(redis: Redis, queue: string): Promise<string | null> {
  const reply = await redis.blpop(`jobs:${queue}`, 0);
  return reply?.[1] ?? null;
}
