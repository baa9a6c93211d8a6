// fails: two extensions at the same time leave the later end
// EXPIRE … GT on the module's first call only; later calls read PTTL, decide, then PEXPIRE: an
// extension decided on an old PTTL can shorten the trial or undo a PERSIST.
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

let firstExtend = true;

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  const key = trialKey(user);
  if (firstExtend) {
    firstExtend = false;
    return (await redis.expire(key, seconds, 'GT')) === 1;
  }
  const left = await redis.pttl(key);
  if (left < 0 || left >= seconds * 1000) return false; // missing, permanent, or later already
  return (await redis.pexpire(key, seconds * 1000)) === 1;
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
