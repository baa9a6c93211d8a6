// Written differently: startTrial with SETEX in a MULTI after WATCH and EXISTS (none of the
// options of SET), extendTrial with EXPIRE … GT in a pipeline, endTrialAt with EXPIREAT in a
// MULTI, makePermanent with PERSIST through call().
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
    // EXEC answers null when another client wrote the key since WATCH: look again.
    const done = await redis.multi().setex(key, seconds, plan).exec();
    if (done !== null) return true;
  }
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  const replies = await redis.pipeline().expire(keyOf(user), seconds, 'GT').exec();
  const [error, moved] = replies?.[0] ?? [null, 0];
  if (error) throw error;
  return moved === 1;
}

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  const replies = await redis.multi().expireat(keyOf(user), unixSeconds).exec();
  return replies?.[0]?.[1] === 1;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  return (await redis.call('PERSIST', keyOf(user))) === 1;
}
