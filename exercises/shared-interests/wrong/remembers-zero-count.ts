// fails: countCommon counts the shared topics, up to atMost
// Remembers the pairs whose count was 0: once they share a topic, countCommon still returns 0.
import type Redis from 'ioredis';

const key = (user: string) => `interests:${user}`;
const none = new Set<string>();

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
  const pair = [a, b].sort().join('\n');
  if (none.has(pair)) return 0;
  const count = await redis.sintercard(2, key(a), key(b), 'LIMIT', atMost);
  if (count === 0) none.add(pair);
  return count;
}
