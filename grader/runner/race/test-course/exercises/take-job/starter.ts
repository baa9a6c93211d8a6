import type Redis from 'ioredis';

export async function addJob(redis: Redis, queue: string, job: string): Promise<void> {
  // TODO: append the job to jobs:<queue>.
  void redis;
  void queue;
  void job;
}

export async function takeJob(redis: Redis, queue: string): Promise<string | null> {
  // TODO: remove the first job of jobs:<queue> and return it.
  void redis;
  void queue;
  return null;
}

export async function waitForJob(redis: Redis, queue: string): Promise<string | null> {
  // TODO: as takeJob, but wait for a job when there is none.
  void redis;
  void queue;
  return null;
}
