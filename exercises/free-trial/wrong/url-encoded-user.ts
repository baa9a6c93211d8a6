// fails: startTrial stores the plan in trial:<user>, ending in the seconds given
// URL-encodes the user into the key: the user "Ada Lovelace" gets trial:Ada%20Lovelace.
import type Redis from 'ioredis';

const trialKey = (user: string) => `trial:${encodeURIComponent(user)}`;

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  return (await redis.set(trialKey(user), plan, 'EX', seconds, 'NX')) === 'OK';
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
