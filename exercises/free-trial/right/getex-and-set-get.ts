// SET … NX GET EX, PEXPIRE … GT in milliseconds, GETEX … EXAT for endTrialAt (nil when there is
// no trial), and PERSIST inside a MULTI beside a PTTL.
import type Redis from 'ioredis';

const keyOf = (user: string) => `trial:${user}`;

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  const held = await redis.call('SET', keyOf(user), plan, 'NX', 'GET', 'EX', seconds);
  return held === null;
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  const moved = await redis.call('PEXPIRE', keyOf(user), seconds * 1000, 'GT');
  return moved === 1;
}

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  const plan = await redis.call('GETEX', keyOf(user), 'EXAT', unixSeconds);
  return plan !== null;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  const replies = await redis.multi().pttl(keyOf(user)).persist(keyOf(user)).exec();
  if (!replies) throw new Error('MULTI was aborted');
  const [[pttlError, left], [persistError, removed]] = replies as [
    [Error | null, number],
    [Error | null, number],
  ];
  if (pttlError || persistError) throw pttlError ?? persistError;
  void left;
  return removed === 1;
}
