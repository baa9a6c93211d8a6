// fails: two workers taking at the same time each get a job of their own
import type Redis from 'ioredis';

export async function addJob(redis: Redis, queue: string, job: string): Promise<void> {
  await redis.rpush(`jobs:${queue}`, job);
}

// Reads the first job and trims it in one pipeline, which is no transaction: another worker's
// commands may run between the two, and both workers see the same first job.
export async function takeJob(redis: Redis, queue: string): Promise<string | null> {
  const replies = await redis
    .pipeline()
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
