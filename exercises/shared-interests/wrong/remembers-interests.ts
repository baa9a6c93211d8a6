// fails: hasInterest asks Redis about the one topic, on every call, and writes no set
// Reads a user's set once and answers from memory afterwards: a topic followed or dropped
// since, from another server, is never seen.
import type Redis from 'ioredis';

const known = new Map<string, Set<string>>();

export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  return redis.sadd(`interests:${user}`, ...topics);
}

export async function unfollow(redis: Redis, user: string, topic: string): Promise<boolean> {
  return (await redis.srem(`interests:${user}`, topic)) === 1;
}

export async function hasInterest(redis: Redis, user: string, topic: string): Promise<boolean> {
  let mine = known.get(user);
  if (mine === undefined) {
    mine = new Set(await redis.smembers(`interests:${user}`));
    known.set(user, mine);
  }
  return mine.has(topic);
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
