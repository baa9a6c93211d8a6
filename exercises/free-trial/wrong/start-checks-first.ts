// fails: two startTrial calls at the same time start one trial, not two
import type Redis from 'ioredis';

// Checks, then writes: two calls can both find no trial and both start one.
export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  const key = `trial:${user}`;
  if ((await redis.exists(key)) === 1) return false;
  await redis.set(key, plan, 'EX', seconds);
  return true;
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  return (await redis.expire(`trial:${user}`, seconds, 'GT')) === 1;
}

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  return (await redis.expireat(`trial:${user}`, unixSeconds)) === 1;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  return (await redis.persist(`trial:${user}`)) === 1;
}
