// fails: follow and unfollow change only interests:<user>
// Also keeps a `users` set, added to when follow creates a user's set and removed from when
// unfollow empties it: a key the statement did not ask for.
import type Redis from 'ioredis';

const key = (user: string) => `interests:${user}`;

export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  const existed = (await redis.exists(key(user))) === 1;
  const added = await redis.sadd(key(user), ...topics);
  if (!existed && added > 0) await redis.sadd('users', user);
  return added;
}

export async function unfollow(redis: Redis, user: string, topic: string): Promise<boolean> {
  const removed = (await redis.srem(key(user), topic)) === 1;
  if (removed && (await redis.exists(key(user))) === 0) await redis.srem('users', user);
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
