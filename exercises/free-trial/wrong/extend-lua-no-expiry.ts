// fails: extendTrial leaves a permanent trial permanent, and returns false
import type Redis from 'ioredis';

// Compares in a script, atomically, but reads PTTL's -1 (no expiry) as "nothing left", so a
// permanent trial is given an end.
const EXTEND = `
local left = redis.call('PTTL', KEYS[1])
if left == -2 then return 0 end
if left == -1 then left = 0 end
if tonumber(ARGV[1]) * 1000 <= left then return 0 end
return redis.call('EXPIRE', KEYS[1], ARGV[1])`;

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  return (await redis.set(`trial:${user}`, plan, 'EX', seconds, 'NX')) === 'OK';
}

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
