// fails: endTrialAt makes the trial end at exactly unixSeconds: earlier, later, or on a permanent trial
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

// Works out the seconds left with this program's clock: off by the time between the two
// clocks, and by whatever passed before Redis ran the EXPIRE.
export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  const secondsLeft = unixSeconds - Math.floor(Date.now() / 1000);
  return (await redis.expire(`trial:${user}`, secondsLeft)) === 1;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  return (await redis.persist(`trial:${user}`)) === 1;
}
