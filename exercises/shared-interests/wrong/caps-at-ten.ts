// fails: countCommon lets Redis count with SINTERCARD … LIMIT, reading no topics
// Copies the profile page's "10+" into the code: LIMIT min(atMost, 10), so it never counts past
// 10 whatever atMost says.
import type Redis from 'ioredis';

const key = (user: string) => `interests:${user}`;
const PAGE_CAP = 10; // "9 topics in common", or "10+"

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
  return (await redis.sinter(key(a), key(b))).sort();
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
  return redis.sintercard(2, key(a), key(b), 'LIMIT', Math.min(atMost, PAGE_CAP));
}
