// fails: startTrial leaves a trial that exists as it is, running or permanent, and returns false
// Remembers the users SET NX refused and answers false for them ever after, though their trial
// has since ended.
import type Redis from 'ioredis';

const trialKey = (user: string) => `trial:${user}`;

const hasTrial = new Set<string>();

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  if (hasTrial.has(user)) return false;
  const started = (await redis.set(trialKey(user), plan, 'EX', seconds, 'NX')) === 'OK';
  if (!started) hasTrial.add(user);
  return started;
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
