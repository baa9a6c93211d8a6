// fails: endTrialAt returns false for a trial that does not exist, and creates nothing
// Remembers the users who had no trial and answers false for them ever after, though another
// server has since started one.
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

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  return (await redis.expire(trialKey(user), seconds, 'GT')) === 1;
}

const noTrial = new Set<string>();

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  if (noTrial.has(user)) return false;
  const ended = (await redis.expireat(trialKey(user), unixSeconds)) === 1;
  if (!ended) noTrial.add(user);
  return ended;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  return (await redis.persist(trialKey(user))) === 1;
}
