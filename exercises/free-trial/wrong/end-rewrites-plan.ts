// fails: only startTrial writes the plan: the other functions change the end alone
// GET, then SET plan EXAT: the plan is written back, and a trial that ended in between comes back.
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
  const key = `trial:${user}`;
  const plan = await redis.get(key);
  if (plan === null) return false;
  await redis.set(key, plan, 'EXAT', unixSeconds);
  return true;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  return (await redis.persist(`trial:${user}`)) === 1;
}
