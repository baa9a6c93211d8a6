// fails: only startTrial writes the plan: the other functions change the end alone
// endTrialAt reads the plan and writes it again with SET … PXAT, in one script: atomic, but a
// function other than startTrial writes the plan.
import type Redis from 'ioredis';

const trialKey = (user: string) => `trial:${user}`;

const END_AT = `
local plan = redis.call('GET', KEYS[1])
if not plan then return 0 end
redis.call('SET', KEYS[1], plan, 'PXAT', ARGV[1])
return 1`;

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  return (await redis.set(trialKey(user), plan, 'EX', seconds, 'NX')) === 'OK';
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  return (await redis.expire(trialKey(user), seconds, 'GT')) === 1;
}

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  return (await redis.eval(END_AT, 1, trialKey(user), unixSeconds * 1000)) === 1;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  return (await redis.persist(trialKey(user))) === 1;
}
