// fails: startTrial leaves a trial that exists as it is, running or permanent, and returns false
import type Redis from 'ioredis';

// SET with EX but without NX: a user who already has a trial gets a new one, and a paid
// account turns back into a trial.
export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  await redis.set(`trial:${user}`, plan, 'EX', seconds);
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
