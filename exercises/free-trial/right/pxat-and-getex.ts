// SET … PXAT … NX from Redis's TIME, EXPIRE … GT XX sent with call(), GETEX … PXAT for
// endTrialAt (nil when there is no trial), PERSIST in a pipeline.
import type Redis from 'ioredis';

const keyOf = (user: string) => `trial:${user}`;

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  const [nowSeconds, micros] = await redis.time();
  const nowMs = Number(nowSeconds) * 1000 + Math.floor(Number(micros) / 1000);
  const reply = await redis.call('SET', keyOf(user), plan, 'PXAT', nowMs + seconds * 1000, 'NX');
  return reply === 'OK';
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  return (await redis.call('EXPIRE', keyOf(user), seconds, 'GT', 'XX')) === 1;
}

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  const plan = await redis.call('GETEX', keyOf(user), 'PXAT', unixSeconds * 1000);
  return plan !== null;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  const replies = await redis.pipeline().persist(keyOf(user)).exec();
  const [error, removed] = (replies?.[0] ?? [new Error('no reply'), 0]) as [Error | null, number];
  if (error) throw error;
  return removed === 1;
}
