// fails: extendTrial asks Redis on every call: a trial changed by another server is respected
// Remembers the users it found with no running trial and answers false ever after, though
// another server has since started one.
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

const noRunningTrial = new Set<string>();

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  if (noRunningTrial.has(user)) return false;
  const key = trialKey(user);
  if ((await redis.expire(key, seconds, 'GT')) === 1) return true;
  if ((await redis.pttl(key)) < 0) noRunningTrial.add(user); // permanent or gone: never extend
  return false;
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
