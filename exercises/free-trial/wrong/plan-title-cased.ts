// fails: startTrial stores the plan in trial:<user>, ending in the seconds given
// Each word of the plan is capitalised before it is stored: 'pro' is stored as 'Pro'.
import type Redis from 'ioredis';

const trialKey = (user: string) => `trial:${user}`;
const titleCase = (plan: string) => plan.replace(/\b[a-z]/g, (letter) => letter.toUpperCase());

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  return (await redis.set(trialKey(user), titleCase(plan), 'EX', seconds, 'NX')) === 'OK';
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
