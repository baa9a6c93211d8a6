// fails: no other client ever sees a new trial without its end
import type Redis from 'ioredis';

// SETNX, then EXPIRE: right in the end, but for a moment the trial exists with no end, and a
// crash in that moment leaves a trial that never ends.
export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  const key = `trial:${user}`;
  if ((await redis.setnx(key, plan)) === 0) return false;
  await redis.expire(key, seconds);
  return true;
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
