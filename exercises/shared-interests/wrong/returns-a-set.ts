// fails: common returns the topics both users follow, sorted alphabetically
// Returns a JavaScript Set: no order, and not the array the signature asks for.
import type Redis from 'ioredis';

export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  return redis.sadd(`interests:${user}`, ...topics);
}

export async function unfollow(redis: Redis, user: string, topic: string): Promise<boolean> {
  return (await redis.srem(`interests:${user}`, topic)) === 1;
}

export async function hasInterest(redis: Redis, user: string, topic: string): Promise<boolean> {
  return (await redis.sismember(`interests:${user}`, topic)) === 1;
}

export async function common(redis: Redis, a: string, b: string): Promise<Set<string>> {
  return new Set((await redis.sinter(`interests:${a}`, `interests:${b}`)).sort());
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
