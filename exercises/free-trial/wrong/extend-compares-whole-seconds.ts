// fails: extendTrial moves a trial's end later and returns true
// The script compares with TTL, in whole seconds: a second extension with the same seconds is
// refused, though its end is a few milliseconds later.
import type Redis from 'ioredis';

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  return (await redis.set(`trial:${user}`, plan, 'EX', seconds, 'NX')) === 'OK';
}

const EXTEND = `
local left = redis.call('TTL', KEYS[1])
if left < 0 then return 0 end
if tonumber(ARGV[1]) <= left then return 0 end
return redis.call('EXPIRE', KEYS[1], ARGV[1])`;

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  return (await redis.eval(EXTEND, 1, `trial:${user}`, seconds)) === 1;
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
