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

// Reads the time left, decides, then sets: another extension can land between the read and
// the EXPIRE, and the shorter one, written last, wins.
export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  const key = `trial:${user}`;
  const left = await redis.pttl(key);
  if (left === -2 || left === -1) return false; // no trial, or a permanent one
  if (seconds * 1000 <= left) return false;
  await redis.expire(key, seconds);
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
