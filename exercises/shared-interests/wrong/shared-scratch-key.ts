// fails: two commons, or two suggests, for the same users at the same time both return the answer
// SINTERSTORE into one fixed scratch key, then SMEMBERS and DEL as separate commands: a second
// common at the same time overwrites or deletes the key, and the first returns its answer.
import type Redis from 'ioredis';

const key = (user: string) => `interests:${user}`;
const SCRATCH = 'scratch:common';

export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  return redis.sadd(key(user), ...topics);
}

export async function unfollow(redis: Redis, user: string, topic: string): Promise<boolean> {
  return (await redis.srem(key(user), topic)) === 1;
}

export async function hasInterest(redis: Redis, user: string, topic: string): Promise<boolean> {
  return (await redis.sismember(key(user), topic)) === 1;
}

export async function common(redis: Redis, a: string, b: string): Promise<string[]> {
  await redis.sinterstore(SCRATCH, key(a), key(b));
  const shared = await redis.smembers(SCRATCH);
  await redis.del(SCRATCH);
  return shared.sort();
}

export async function suggest(redis: Redis, user: string, friend: string): Promise<string[]> {
  return (await redis.sdiff(key(friend), key(user))).sort();
}

export async function countCommon(
  redis: Redis,
  a: string,
  b: string,
  atMost: number,
): Promise<number> {
  return redis.sintercard(2, key(a), key(b), 'LIMIT', atMost);
}
