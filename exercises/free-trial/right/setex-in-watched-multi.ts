// Right: startTrial WATCHes the key and, when it is free, sends SETEX in a MULTI (EXEC refuses
// if another client created it meanwhile: then the trial is theirs, and the answer is false);
// extendTrial sends EXPIRE … GT and a PTTL in one pipeline; endTrialAt PEXPIREAT in a MULTI;
// makePermanent PERSIST through call().
import type Redis from 'ioredis';

const keyOf = (user: string) => `trial:${user}`;

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  const key = keyOf(user);
  await redis.watch(key);
  if ((await redis.exists(key)) === 1) {
    await redis.unwatch();
    return false;
  }
  const replies = await redis.multi().setex(key, seconds, plan).exec();
  return replies !== null;
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  const replies = await redis
    .pipeline()
    .expire(keyOf(user), seconds, 'GT')
    .pttl(keyOf(user))
    .exec();
  const [moved] = replies ?? [];
  if (!moved || moved[0]) throw moved?.[0] ?? new Error('no reply');
  return moved[1] === 1;
}

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  const replies = await redis
    .multi()
    .pexpireat(keyOf(user), unixSeconds * 1000)
    .exec();
  const [reply] = replies ?? [];
  if (!reply || reply[0]) throw reply?.[0] ?? new Error('MULTI was aborted');
  return reply[1] === 1;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  return (await redis.call('PERSIST', keyOf(user))) === 1;
}
