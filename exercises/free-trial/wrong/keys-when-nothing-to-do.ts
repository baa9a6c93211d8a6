// fails: every function reads trial:<user> by its name, never with KEYS or SCAN
// When EXPIRE or PERSIST answers 0, runs KEYS trial:<user> to tell "no trial" from "nothing to do".
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
  const key = `trial:${user}`;
  if ((await redis.expire(key, seconds, 'GT')) === 1) return true;
  const found = await redis.keys(key);
  console.log(found.length === 0 ? `no trial for ${user}` : `trial of ${user} not extended`);
  return false;
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
  if ((await redis.persist(key)) === 1) return true;
  const found = await redis.keys(key);
  console.log(found.length === 0 ? `no trial for ${user}` : `${user} already pays`);
  return false;
}
