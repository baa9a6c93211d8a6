import type Redis from 'ioredis';

// Every command inside a script of its own: Redis runs each whole, next to the data.
const ADD = "return redis.call('SADD', KEYS[1], unpack(ARGV))";
const REMOVE = "return redis.call('SREM', KEYS[1], ARGV[1])";
const IS_MEMBER = "return redis.call('SMISMEMBER', KEYS[1], ARGV[1])[1]";
const SHARED = "return redis.call('SINTER', KEYS[1], KEYS[2])";
const MISSING = "return redis.call('SDIFF', KEYS[1], KEYS[2])";
const COUNT = "return redis.call('SINTERCARD', 2, KEYS[1], KEYS[2], 'LIMIT', ARGV[1])";

const key = (user: string) => `interests:${user}`;

export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  return (await redis.eval(ADD, 1, key(user), ...topics)) as number;
}

export async function unfollow(redis: Redis, user: string, topic: string): Promise<boolean> {
  return (await redis.eval(REMOVE, 1, key(user), topic)) === 1;
}

export async function hasInterest(redis: Redis, user: string, topic: string): Promise<boolean> {
  return (await redis.eval(IS_MEMBER, 1, key(user), topic)) === 1;
}

export async function common(redis: Redis, a: string, b: string): Promise<string[]> {
  const shared = (await redis.eval(SHARED, 2, key(a), key(b))) as string[];
  return shared.sort();
}

export async function suggest(redis: Redis, user: string, friend: string): Promise<string[]> {
  const missing = (await redis.eval(MISSING, 2, key(friend), key(user))) as string[];
  return missing.sort();
}

export async function countCommon(
  redis: Redis,
  a: string,
  b: string,
  atMost: number,
): Promise<number> {
  return (await redis.eval(COUNT, 2, key(a), key(b), atMost)) as number;
}
