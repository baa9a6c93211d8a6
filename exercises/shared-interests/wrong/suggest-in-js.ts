// fails: suggest lets Redis compute the difference, and sends only the answer
// Reads the friend's whole set and filters it in JavaScript, where SDIFF sends only the
// topics that are left.
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
  return (await redis.sinter(`interests:${a}`, `interests:${b}`)).sort();
}

export async function suggest(redis: Redis, user: string, friend: string): Promise<string[]> {
  const theirs = await redis.smembers(`interests:${friend}`);
  const mine = await redis.smismember(`interests:${user}`, ...theirs);
  return theirs.filter((_, i) => mine[i] === 0).sort();
}

export async function countCommon(
  redis: Redis,
  a: string,
  b: string,
  atMost: number,
): Promise<number> {
  return redis.sintercard(2, `interests:${a}`, `interests:${b}`, 'LIMIT', atMost);
}
