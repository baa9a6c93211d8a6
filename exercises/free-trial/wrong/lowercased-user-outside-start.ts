// fails: extendTrial moves a trial's end later and returns true
// extendTrial, endTrialAt and makePermanent lower-case the user: for Ada they act on trial:ada,
// another user's trial.
import type Redis from 'ioredis';

const trialKey = (user: string) => `trial:${user}`;

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  return (await redis.set(trialKey(user), plan, 'EX', seconds, 'NX')) === 'OK';
}

const accountKey = (user: string) => trialKey(user.toLowerCase());

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  return (await redis.expire(accountKey(user), seconds, 'GT')) === 1;
}

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  return (await redis.expireat(accountKey(user), unixSeconds)) === 1;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  return (await redis.persist(accountKey(user))) === 1;
}
