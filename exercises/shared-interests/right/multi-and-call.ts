// follow counts in one MULTI (SCARD, SADD, SCARD); unfollow asks and removes in one MULTI; the
// rest through redis.call() with string arguments.
import type Redis from 'ioredis';

const key = (user: string) => `interests:${user}`;

export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  const replies = await redis
    .multi()
    .scard(key(user))
    .sadd(key(user), topics)
    .scard(key(user))
    .exec();
  if (!replies) throw new Error('transaction aborted');
  for (const [error] of replies) if (error) throw error;
  return Number(replies[2]?.[1]) - Number(replies[0]?.[1]);
}

export async function unfollow(redis: Redis, user: string, topic: string): Promise<boolean> {
  const replies = await redis.multi().sismember(key(user), topic).srem(key(user), topic).exec();
  if (!replies) throw new Error('transaction aborted');
  return replies[0]?.[1] === 1;
}

export async function hasInterest(redis: Redis, user: string, topic: string): Promise<boolean> {
  return (await redis.call('SISMEMBER', key(user), topic)) === 1;
}

export async function common(redis: Redis, a: string, b: string): Promise<string[]> {
  const shared = (await redis.call('SINTER', key(b), key(a))) as string[];
  return [...shared].sort();
}

export async function suggest(redis: Redis, user: string, friend: string): Promise<string[]> {
  // The friend's set first: SDIFF keeps its members that the user's set lacks.
  const missing = (await redis.call('SDIFF', key(friend), key(user))) as string[];
  return [...missing].sort();
}

export async function countCommon(
  redis: Redis,
  a: string,
  b: string,
  atMost: number,
): Promise<number> {
  return Number(await redis.call('SINTERCARD', '2', key(b), key(a), 'LIMIT', String(atMost)));
}
