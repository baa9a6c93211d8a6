// fails: every function reads trial:<user> by its name, never with KEYS or SCAN
import type Redis from 'ioredis';

// Finds the trial with SCAN inside a script, where the client's own command log shows only EVAL.
const EXTEND = `
local found = redis.call('SCAN', 0, 'MATCH', KEYS[1], 'COUNT', 1000)[2]
if #found == 0 then return 0 end
return redis.call('EXPIRE', found[1], ARGV[1], 'GT')`;

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
