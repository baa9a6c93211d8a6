// fails: every function reads trial:<user> by its name, never with KEYS or SCAN
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

// Looks for the key with KEYS before touching it: a walk over every key in Redis.
export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  const [key] = await redis.keys(`trial:${user}`);
  if (key === undefined) return false;
  return (await redis.persist(key)) === 1;
}
