// fails: startTrial stores the plan in trial:<user>, ending in the seconds given
// startTrial and extendTrial round `seconds` up to an hour: a trial of 10 minutes lasts an hour.
import type Redis from 'ioredis';

const trialKey = (user: string) => `trial:${user}`;
const HOUR = 3600;

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  const length = Math.max(seconds, HOUR);
  return (await redis.set(trialKey(user), plan, 'EX', length, 'NX')) === 'OK';
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  return (await redis.expire(trialKey(user), Math.max(seconds, HOUR), 'GT')) === 1;
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
