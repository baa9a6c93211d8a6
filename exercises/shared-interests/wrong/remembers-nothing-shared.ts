// fails: common returns [] when nothing is shared or a user has no topics, and creates no key
// Remembers the pairs that shared nothing: once they share a topic, common still returns [].
import type Redis from 'ioredis';

const key = (user: string) => `interests:${user}`;
const strangers = new Set<string>();

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
  const pair = [a, b].sort().join('\n');
  if (strangers.has(pair)) return [];
  const shared = (await redis.sinter(key(a), key(b))).sort();
  if (shared.length === 0) strangers.add(pair);
  return shared;
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
