// fails: an extension at the same time as makePermanent leaves the trial permanent
import type Redis from 'ioredis';

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  return (await redis.set(`trial:${user}`, plan, 'EX', seconds, 'NX')) === 'OK';
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  return (await redis.expire(`trial:${user}`, seconds, 'GT')) === 1;
}

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  return (await redis.expireat(`trial:${user}`, unixSeconds)) === 1;
}

// A hundred years is a long time, but still an expiry: PTTL does not answer -1.
const CENTURY = 100 * 365 * 24 * 3600;

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  return (await redis.expire(`trial:${user}`, CENTURY)) === 1;
}
