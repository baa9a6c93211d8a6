// fails: makePermanent returns false, and changes nothing, when there is no trial or it is already permanent
// Reads TTL, sends PERSIST, and returns what the TTL said: when another client removed the
// expiry in between, it claims a removal it did not make.
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

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  const key = trialKey(user);
  const left = await redis.ttl(key);
  if (left < 0) return false; // -2: no trial, -1: already permanent
  await redis.persist(key);
  return true;
}
