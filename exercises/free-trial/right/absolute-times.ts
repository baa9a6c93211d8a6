import type Redis from 'ioredis';

// Every end as a moment in milliseconds: PXAT and PEXPIREAT, with GT where an end may only grow.
export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  const endsAt = Date.now() + seconds * 1000;
  const written = await redis.set(`trial:${user}`, plan, 'PXAT', endsAt, 'NX');
  return written !== null;
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  const endsAt = Date.now() + seconds * 1000;
  const moved = await redis.pexpireat(`trial:${user}`, endsAt, 'GT');
  return moved > 0;
}

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  const [reply] = (await redis.multi().expireat(`trial:${user}`, unixSeconds).exec()) ?? [];
  if (reply?.[0]) throw reply[0];
  return reply?.[1] === 1;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  return Boolean(await redis.persist(`trial:${user}`));
}
