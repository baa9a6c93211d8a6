// fails: countCommon counts the shared topics, up to atMost
// Remembers each pair's count: a topic dropped since is still counted.
import type Redis from 'ioredis';

const counts = new Map<string, number>();

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
  return (await redis.sdiff(`interests:${friend}`, `interests:${user}`)).sort();
}

export async function countCommon(
  redis: Redis,
  a: string,
  b: string,
  atMost: number,
): Promise<number> {
  const pair = [a, b].sort().join('|');
  let count = counts.get(pair);
  if (count === undefined) {
    count = await redis.sintercard(2, `interests:${a}`, `interests:${b}`);
    counts.set(pair, count);
  }
  return Math.min(count, atMost);
}
