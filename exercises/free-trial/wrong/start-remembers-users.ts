// fails: startTrial stores the plan in trial:<user>, ending in the seconds given
// Remembers whom it started a trial for and answers false, even after that trial has ended.
import type Redis from 'ioredis';

const started = new Set<string>();

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  if (started.has(user)) return false;
  const ok = (await redis.set(`trial:${user}`, plan, 'EX', seconds, 'NX')) === 'OK';
  if (ok) started.add(user);
  return ok;
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
  return (await redis.persist(`trial:${user}`)) === 1;
}
