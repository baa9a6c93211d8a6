// startTrial WATCHes the key, checks EXISTS, then writes SET and EXPIRE in one MULTI, retrying
// when EXEC is refused: no client ever sees the plan without its end.
import type Redis from 'ioredis';

const keyOf = (user: string) => `trial:${user}`;

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  const key = keyOf(user);
  for (;;) {
    await redis.watch(key);
    if ((await redis.exists(key)) === 1) {
      await redis.unwatch();
      return false;
    }
    const done = await redis.multi().set(key, plan).expire(key, seconds).exec();
    if (done !== null) return true;
  }
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  return (await redis.pexpire(keyOf(user), seconds * 1000, 'GT')) === 1;
}

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  return (await redis.expireat(keyOf(user), unixSeconds)) === 1;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  return (await redis.persist(keyOf(user))) === 1;
}
