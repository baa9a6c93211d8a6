// fails: an extension at the same time as makePermanent leaves the trial permanent
// Remembers whom it made permanent and answers false for them, though another server has since
// given the trial an end.
import type Redis from 'ioredis';

const paying = new Set<string>();

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
  paying.delete(user);
  return (await redis.expireat(`trial:${user}`, unixSeconds)) === 1;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  if (paying.has(user)) return false;
  const removed = (await redis.persist(`trial:${user}`)) === 1;
  if (removed) paying.add(user);
  return removed;
}
