// common and suggest store their answer under a scratch key made for each call (a fresh UUID),
// read it back and delete it, as separate commands: no other call ever names that key.
import { randomUUID } from 'node:crypto';
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

export async function common(redis: Redis, a: string, b: string): Promise<string[]> {
  const scratch = `scratch:common:${randomUUID()}`;
  await redis.sinterstore(scratch, key(a), key(b));
  const shared = await redis.smembers(scratch);
  await redis.del(scratch);
  return shared.sort();
}

export async function suggest(redis: Redis, user: string, friend: string): Promise<string[]> {
  const scratch = `scratch:suggest:${randomUUID()}`;
  await redis.sdiffstore(scratch, key(friend), key(user));
  const missing = await redis.smembers(scratch);
  await redis.del(scratch);
  return missing.sort();
}

export async function countCommon(
  redis: Redis,
  a: string,
  b: string,
  atMost: number,
): Promise<number> {
  return redis.sintercard(2, key(a), key(b), 'LIMIT', atMost);
}
