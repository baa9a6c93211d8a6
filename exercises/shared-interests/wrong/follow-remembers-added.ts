// fails: follow counts only the topics that are new, each once
// Remembers the topics it has added and never sends them again: once another server drops one,
// the user cannot follow it again (follow returns 0 and adds nothing).
import type Redis from 'ioredis';

const key = (user: string) => `interests:${user}`;
const added = new Map<string, Set<string>>();

export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  const known = added.get(user) ?? new Set<string>();
  added.set(user, known);
  const toSend = [...new Set(topics)].filter((topic) => !known.has(topic));
  if (toSend.length === 0) return 0;
  const count = await redis.sadd(key(user), ...toSend);
  for (const topic of toSend) known.add(topic);
  return count;
}

export async function unfollow(redis: Redis, user: string, topic: string): Promise<boolean> {
  added.get(user)?.delete(topic);
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
  return redis.sintercard(2, key(a), key(b), 'LIMIT', atMost);
}
