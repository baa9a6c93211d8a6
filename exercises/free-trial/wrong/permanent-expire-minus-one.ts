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

// TTL answers -1 for "no expiry", but EXPIRE -1 is a time already past: Redis deletes the key.
export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  return (await redis.expire(`trial:${user}`, -1)) === 1;
}
