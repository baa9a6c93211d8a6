import type Redis from 'ioredis';

const keyOf = (user: string) => `trial:${user}`;

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  const reply = await redis.call('SET', keyOf(user), plan, 'PX', seconds * 1000, 'NX');
  return reply === 'OK';
}

// Optimistic locking, as in the lesson on transactions: WATCH, read the end, decide, and let
// EXEC fail if anyone touched the trial in between.
export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  const key = keyOf(user);
  for (let attempt = 0; attempt < 10; attempt++) {
    await redis.watch(key);
    const left = await redis.pttl(key);
    // -2: no trial; -1: permanent; otherwise only a later end is worth writing.
    if (left < 0 || seconds * 1000 <= left) {
      await redis.unwatch();
      return false;
    }
    const replies = await redis
      .multi()
      .pexpire(key, seconds * 1000)
      .exec();
    if (replies !== null) return true;
  }
  throw new Error(`the trial of ${user} keeps changing`);
}

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  return (await redis.pexpireat(keyOf(user), unixSeconds * 1000)) === 1;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  const removed = await redis.call('PERSIST', keyOf(user));
  return removed === 1;
}
