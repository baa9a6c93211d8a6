// fails: makePermanent returns false, and changes nothing, when there is no trial or it is already permanent
// Reads plan and PTTL, then a plain SET of the plan to drop the expiry: a trial that ends between
// the read and the SET comes back, permanent.
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

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  const key = `trial:${user}`;
  const [[, plan], [, left]] = (await redis.multi().get(key).pttl(key).exec()) as [
    [Error | null, string | null],
    [Error | null, number],
  ];
  if (plan === null || left < 0) return false;
  await redis.set(key, plan);
  return true;
}
