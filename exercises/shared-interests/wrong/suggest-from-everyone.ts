// fails: suggest returns the friend's topics the user lacks, sorted alphabetically
// Suggests what anybody follows, found with KEYS, instead of what the friend follows.
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
  const everyone = await redis.keys('interests:*');
  const others = everyone.filter((key) => key !== `interests:${user}`);
  if (!others.includes(`interests:${friend}`)) return [];
  const all = await redis.sunion(...others);
  const mine = new Set(await redis.smembers(`interests:${user}`));
  return all.filter((topic) => !mine.has(topic)).sort();
}

export async function countCommon(
  redis: Redis,
  a: string,
  b: string,
  atMost: number,
): Promise<number> {
  return redis.sintercard(2, `interests:${a}`, `interests:${b}`, 'LIMIT', atMost);
}
