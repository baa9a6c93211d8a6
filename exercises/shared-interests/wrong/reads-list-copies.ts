// fails: common lets Redis intersect the sets, and sends only the shared topics
// Copies both whole sets into lists with SORT … STORE, reads them back and intersects them in
// JavaScript: every topic crosses the network, as with SMEMBERS.
import type Redis from 'ioredis';

const key = (user: string) => `interests:${user}`;

export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  return redis.sadd(key(user), ...topics);
}

export async function unfollow(redis: Redis, user: string, topic: string): Promise<boolean> {
  return (await redis.srem(key(user), topic)) === 1;
}

export async function hasInterest(redis: Redis, user: string, topic: string): Promise<boolean> {
  return (await redis.sismember(key(user), topic)) === 1;
}

async function readAll(redis: Redis, user: string): Promise<string[]> {
  const copy = `tmp:list:${user}:${Math.random().toString(36).slice(2)}`;
  await redis.sort(key(user), 'ALPHA', 'STORE', copy);
  const topics = await redis.lrange(copy, 0, -1);
  await redis.del(copy);
  return topics;
}

export async function common(redis: Redis, a: string, b: string): Promise<string[]> {
  const [mine, theirs] = [await readAll(redis, a), new Set(await readAll(redis, b))];
  return mine.filter((topic) => theirs.has(topic)).sort();
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
