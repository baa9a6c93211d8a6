// fails: follow and unfollow change only interests:<user>
// Gives the set a 30-day TTL when follow creates it: interests never expire.
import type Redis from 'ioredis';

const key = (user: string) => `interests:${user}`;
const THIRTY_DAYS = 30 * 24 * 3600;

export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  const added = await redis.sadd(key(user), ...topics);
  // Every topic was new and the set holds exactly those: this follow created it.
  if (added > 0 && (await redis.scard(key(user))) === added) {
    await redis.expire(key(user), THIRTY_DAYS);
  }
  return added;
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
  return redis.sintercard(2, key(a), key(b), 'LIMIT', atMost);
}
