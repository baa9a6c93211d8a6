// fails: follow keeps the topics in the set interests:<user> and returns how many it added
// Keeps the topics as a JSON array in a string: Redis cannot combine strings, so every
// comparison has to read both users' lists into JavaScript.
import type Redis from 'ioredis';

export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  const key = `interests:${user}`;
  const current: string[] = JSON.parse((await redis.get(key)) ?? '[]');
  const fresh = [...new Set(topics)].filter((topic) => !current.includes(topic));
  await redis.set(key, JSON.stringify([...current, ...fresh]));
  return fresh.length;
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
  return redis.sintercard(2, `interests:${a}`, `interests:${b}`, 'LIMIT', atMost);
}
