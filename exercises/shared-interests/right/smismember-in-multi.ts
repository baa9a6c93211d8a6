// follow asks SMISMEMBER and adds with SADD in one MULTI, counting the distinct topics that
// were missing; the reads go through redis.call() with string arguments.
import type Redis from 'ioredis';

const interests = (user: string) => `interests:${user}`;

export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  const distinct = [...new Set(topics)];
  const replies = await redis
    .multi()
    .smismember(interests(user), ...distinct)
    .sadd(interests(user), ...distinct)
    .exec();
  if (!replies) throw new Error('transaction aborted');
  const present = replies[0]?.[1] as number[];
  return present.filter((flag) => flag === 0).length;
}

export async function unfollow(redis: Redis, user: string, topic: string): Promise<boolean> {
  const replies = await redis.multi().srem(interests(user), topic).exec();
  return replies?.[0]?.[1] === 1;
}

export async function hasInterest(redis: Redis, user: string, topic: string): Promise<boolean> {
  const [flag] = await redis.smismember(interests(user), topic);
  return flag === 1;
}

export async function common(redis: Redis, a: string, b: string): Promise<string[]> {
  const shared = (await redis.call('SINTER', interests(b), interests(a))) as string[];
  return [...shared].sort();
}

export async function suggest(redis: Redis, user: string, friend: string): Promise<string[]> {
  const missing = (await redis.call('SDIFF', interests(friend), interests(user))) as string[];
  return [...missing].sort();
}

export async function countCommon(
  redis: Redis,
  a: string,
  b: string,
  atMost: number,
): Promise<number> {
  const count = await redis.call(
    'SINTERCARD',
    '2',
    interests(b),
    interests(a),
    'LIMIT',
    String(atMost),
  );
  return Number(count);
}
