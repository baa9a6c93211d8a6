// fails: two startTrial calls at the same time start one trial, not two
// SET … EX … NX for the module's first nine calls, then EXISTS and a plain SET … EX: two calls at
// the same time can both start the trial.
import type Redis from 'ioredis';

const trialKey = (user: string) => `trial:${user}`;
let calls = 0;

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  calls += 1;
  const key = trialKey(user);
  if (calls <= 9) return (await redis.set(key, plan, 'EX', seconds, 'NX')) === 'OK';
  if ((await redis.exists(key)) === 1) return false;
  await redis.set(key, plan, 'EX', seconds);
  return true;
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
