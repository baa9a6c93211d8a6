// fails: endTrialAt with a moment already past ends the trial at once
// For a moment already past, endTrialAt deletes every key KEYS trial:<user>* finds: ending Ada's
// trial also deletes Adam's.
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
  const [now] = await redis.time();
  if (unixSeconds <= Number(now)) {
    const found = await redis.keys(`${trialKey(user)}*`);
    if (found.length === 0) return false;
    await redis.unlink(...found);
    return true;
  }
  return (await redis.expireat(trialKey(user), unixSeconds)) === 1;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  return (await redis.persist(trialKey(user))) === 1;
}
