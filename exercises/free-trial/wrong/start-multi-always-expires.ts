// fails: startTrial leaves a trial that exists as it is, running or permanent, and returns false
import type Redis from 'ioredis';

// A transaction is not a condition: when SET NX refuses, the EXPIRE still runs, and the
// existing trial (or paid account) gets a new end.
export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  const key = `trial:${user}`;
  const replies = await redis.multi().set(key, plan, 'NX').expire(key, seconds).exec();
  return replies?.[0]?.[1] === 'OK';
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
