import type Redis from 'ioredis';

// Each decision made inside Redis, where no other client can run in between.
const START = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1`;

const EXTEND = `
local left = redis.call('PTTL', KEYS[1])
if left < 0 or tonumber(ARGV[1]) * 1000 <= left then return 0 end
return redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) * 1000)`;

const END_AT = `return redis.call('EXPIREAT', KEYS[1], ARGV[1])`;

const PERMANENT = `
if redis.call('PTTL', KEYS[1]) < 0 then return 0 end
return redis.call('PERSIST', KEYS[1])`;

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  return (await redis.eval(START, 1, `trial:${user}`, plan, seconds)) === 1;
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  return (await redis.eval(EXTEND, 1, `trial:${user}`, seconds)) === 1;
}

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  return (await redis.eval(END_AT, 1, `trial:${user}`, unixSeconds)) === 1;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  return (await redis.eval(PERMANENT, 1, `trial:${user}`)) === 1;
}
