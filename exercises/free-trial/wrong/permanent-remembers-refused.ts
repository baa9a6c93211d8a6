// fails: makePermanent returns false, and changes nothing, when there is no trial or it is already permanent
// Remembers the users PERSIST answered 0 for and answers false ever after, though their trial
// has since been given an end.
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

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  return (await redis.expireat(trialKey(user), unixSeconds)) === 1;
}

const nothingToDo = new Set<string>();

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  if (nothingToDo.has(user)) return false;
  const removed = (await redis.persist(trialKey(user))) === 1;
  if (!removed) nothingToDo.add(user);
  return removed;
}
