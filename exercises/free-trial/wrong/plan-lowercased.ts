// fails: startTrial stores the plan in trial:<user>, ending in the seconds given
// Lower-cases the plan before storing it: 'Pro Monthly' is stored as 'pro monthly'.
import type Redis from 'ioredis';

const trialKey = (user: string) => `trial:${user}`;

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  const name = plan.trim().toLowerCase();
  return (await redis.set(trialKey(user), name, 'EX', seconds, 'NX')) === 'OK';
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  return (await redis.expire(trialKey(user), seconds, 'GT')) === 1;
}

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  return (await redis.expireat(trialKey(user), unixSeconds)) === 1;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  return (await redis.persist(trialKey(user))) === 1;
}
