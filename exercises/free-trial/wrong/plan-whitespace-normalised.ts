// fails: startTrial stores the plan in trial:<user>, ending in the seconds given
// The plan is trimmed and its runs of spaces collapsed: ' Pro  Monthly ' is stored as 'Pro Monthly'.
import type Redis from 'ioredis';

const trialKey = (user: string) => `trial:${user}`;
const tidy = (plan: string) => plan.trim().replace(/\s+/g, ' ');

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  return (await redis.set(trialKey(user), tidy(plan), 'EX', seconds, 'NX')) === 'OK';
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
