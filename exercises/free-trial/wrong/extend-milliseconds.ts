// fails: extendTrial moves a trial's end later and returns true
import type Redis from 'ioredis';

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  return (await redis.set(`trial:${user}`, plan, 'EX', seconds, 'NX')) === 'OK';
}

// PEXPIRE counts milliseconds: "seconds" from now is a few moments away, never later than the
// end the trial has, so GT refuses every time.
export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  return (await redis.pexpire(`trial:${user}`, seconds, 'GT')) === 1;
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
