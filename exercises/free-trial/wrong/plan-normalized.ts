// fails: startTrial stores the plan in trial:<user>, ending in the seconds given
// Normalises the plan to NFC before storing it: a plan written with a combining accent is not stored as given.
import type Redis from 'ioredis';

const trialKey = (user: string) => `trial:${user}`;

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  // One command: NX refuses a user who has a trial, and EX gives the new key its end at the
  // moment it is created, so no client ever sees a trial without one.
  return (await redis.set(trialKey(user), plan.normalize('NFC'), 'EX', seconds, 'NX')) === 'OK';
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  // GT: Redis compares the new end with the current one and moves it only later, in one step.
  // A key without an expiry counts as never ending, so GT leaves a permanent trial alone, and
  // EXPIRE never creates a key that is gone.
  return (await redis.expire(trialKey(user), seconds, 'GT')) === 1;
}

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  // The moment itself, judged by Redis's clock; a moment already past deletes the key at once.
  return (await redis.expireat(trialKey(user), unixSeconds)) === 1;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  // PERSIST answers 0 when there is no key or no expiry to remove.
  return (await redis.persist(trialKey(user))) === 1;
}
