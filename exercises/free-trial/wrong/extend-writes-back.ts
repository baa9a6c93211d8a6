// fails: two extensions at the same time leave the later end
import type Redis from 'ioredis';

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  return (await redis.set(`trial:${user}`, plan, 'EX', seconds, 'NX')) === 'OK';
}

// Extends by writing the trial again with SET … EX: when the trial ends between the GET and the
// SET, the SET brings it back to life.
export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  const key = `trial:${user}`;
  const [[, plan], [, left]] = (await redis.multi().get(key).pttl(key).exec()) as [
    [Error | null, string | null],
    [Error | null, number],
  ];
  if (plan === null || left < 0 || seconds * 1000 <= left) return false;
  await redis.set(key, plan, 'EX', seconds);
  return true;
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
