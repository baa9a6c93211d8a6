// Right: every end computed from Redis's own clock (TIME): startTrial with SET … EXAT … NX (whole
// seconds, so up to a second short, which "seconds from now" allows), extendTrial with
// PEXPIREAT … GT in milliseconds, endTrialAt with EXPIREAT sent through call(), makePermanent
// with PERSIST in a MULTI.
import type Redis from 'ioredis';

const keyOf = (user: string) => `trial:${user}`;

async function redisNowMs(redis: Redis): Promise<number> {
  const [seconds, micros] = await redis.time();
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
}

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  const nowSeconds = Math.floor((await redisNowMs(redis)) / 1000);
  const reply = await redis.set(keyOf(user), plan, 'EXAT', nowSeconds + seconds, 'NX');
  return reply === 'OK';
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  const endsAt = (await redisNowMs(redis)) + seconds * 1000;
  return (await redis.pexpireat(keyOf(user), endsAt, 'GT')) === 1;
}

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  return (await redis.call('EXPIREAT', keyOf(user), unixSeconds)) === 1;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  const replies = await redis.multi().persist(keyOf(user)).exec();
  if (!replies) throw new Error('MULTI was aborted');
  const [[error, removed]] = replies as [[Error | null, number]];
  if (error) throw error;
  return removed === 1;
}
