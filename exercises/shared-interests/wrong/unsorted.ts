// fails: common returns the topics both users follow, sorted alphabetically
// Returns the topics in the order Redis sent them, which for a set is no order at all.
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

export async function common(redis: Redis, a: string, b: string): Promise<string[]> {
  return redis.sinter(`interests:${a}`, `interests:${b}`);
}

export async function suggest(redis: Redis, user: string, friend: string): Promise<string[]> {
  return redis.sdiff(`interests:${friend}`, `interests:${user}`);
}

export async function countCommon(
  redis: Redis,
  a: string,
  b: string,
  atMost: number,
): Promise<number> {
  return redis.sintercard(2, `interests:${a}`, `interests:${b}`, 'LIMIT', atMost);
}
