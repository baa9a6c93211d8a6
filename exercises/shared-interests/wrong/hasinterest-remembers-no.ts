// fails: hasInterest asks Redis about the one topic, on every call, and writes no set
// Remembers the topics hasInterest answered false for: a topic followed since, from another
// server, stays false.
import type Redis from 'ioredis';

const key = (user: string) => `interests:${user}`;
const notFollowed = new Set<string>();

export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  for (const topic of topics) notFollowed.delete(`${user}\n${topic}`);
  return redis.sadd(key(user), ...topics);
}

export async function unfollow(redis: Redis, user: string, topic: string): Promise<boolean> {
  return (await redis.srem(key(user), topic)) === 1;
}

export async function hasInterest(redis: Redis, user: string, topic: string): Promise<boolean> {
  if (notFollowed.has(`${user}\n${topic}`)) return false;
  const found = (await redis.sismember(key(user), topic)) === 1;
  if (!found) notFollowed.add(`${user}\n${topic}`);
  return found;
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
  return redis.sintercard(2, key(a), key(b), 'LIMIT', atMost);
}
