// fails: startTrial stores the plan in trial:<user>, ending in the seconds given
import type Redis from 'ioredis';

// Keeps the trial as a hash with a plan field: the statement asks for a string holding the plan.
export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  const key = `trial:${user}`;
  if ((await redis.hsetnx(key, 'plan', plan)) === 0) return false;
  await redis.expire(key, seconds);
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
