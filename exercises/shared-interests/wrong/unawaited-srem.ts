// fails: follow and unfollow change only interests:<user>
// The await is missing: `removed` is a promise, which is always truthy, and unfollow
// returns before Redis has removed anything.
import type Redis from 'ioredis';

export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  return redis.sadd(`interests:${user}`, ...topics);
}

export async function unfollow(redis: Redis, user: string, topic: string): Promise<boolean> {
  const removed = redis.srem(`interests:${user}`, topic);
  return Boolean(removed);
}

export async function hasInterest(redis: Redis, user: string, topic: string): Promise<boolean> {
  return (await redis.sismember(`interests:${user}`, topic)) === 1;
}

export async function common(redis: Redis, a: string, b: string): Promise<string[]> {
  return (await redis.sinter(`interests:${a}`, `interests:${b}`)).sort();
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
