import type Redis from 'ioredis';

export async function addJob(redis: Redis, queue: string, job: string): Promise<void> {
  await redis.rpush(`jobs:${queue}`, job);
}

export async function takeJob(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`jobs:${queue}`);
}

export async function waitForJob(redis: Redis, queue: string): Promise<string | null> {
  // BLPOP and LLEN in one pipeline: the LLEN waits behind the BLPOP on the connection.
  const replies = await redis.pipeline().blpop(`jobs:${queue}`, 0).llen(`jobs:${queue}`).exec();
  const reply = replies?.[0]?.[1] as [string, string] | null | undefined;
  return reply?.[1] ?? null;
}
