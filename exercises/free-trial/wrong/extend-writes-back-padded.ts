// fails: two extensions at the same time leave the later end
// Reads plan and PTTL, then SET plan EX seconds, padded with PINGs: a trial that ends between the
// read and the SET comes back.
import type Redis from 'ioredis';

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  return (await redis.set(`trial:${user}`, plan, 'EX', seconds, 'NX')) === 'OK';
}

async function warmUp(redis: Redis): Promise<void> {
  for (let i = 0; i < 40; i++) await redis.ping();
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  const key = `trial:${user}`;
  await warmUp(redis);
  const [[, plan], [, left]] = (await redis.multi().get(key).pttl(key).exec()) as [
    [Error | null, string | null],
    [Error | null, number],
  ];
  let moved = false;
  if (plan !== null && left >= 0 && seconds * 1000 > left) {
    await redis.set(key, plan, 'EX', seconds);
    moved = true;
  }
  await warmUp(redis);
  return moved;
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
