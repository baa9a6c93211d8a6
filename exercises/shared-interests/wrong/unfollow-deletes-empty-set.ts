// fails: unfollow at the same time as another unfollow or a follow: each change counted once, none lost
// SREM, SCARD, then DEL when the set looks empty: a follow that lands in between is deleted. Redis
// removes an empty set by itself.
import type Redis from 'ioredis';

const key = (user: string) => `interests:${user}`;

export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  return redis.sadd(key(user), ...topics);
}

export async function unfollow(redis: Redis, user: string, topic: string): Promise<boolean> {
  const removed = (await redis.srem(key(user), topic)) === 1;
  if (removed && (await redis.scard(key(user))) === 0) {
    // The statement: "When a user's last topic goes, no key interests:<user> remains."
    await redis.del(key(user));
  }
  return removed;
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
