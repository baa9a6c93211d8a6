import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const key = (user: string) => `interests:${user}`;
const alphabetically = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  return redis.sadd(key(user), topics);
}

export async function unfollow(redis: Redis, user: string, topic: string): Promise<boolean> {
  return (await redis.srem(key(user), topic)) > 0;
}

export async function hasInterest(redis: Redis, user: string, topic: string): Promise<boolean> {
  const [found] = await redis.smismember(key(user), topic);
  return found === 1;
}

// The intersection stored under a key of its own, read, and deleted, all in one transaction:
// no other client sees the temporary key, and nothing is left behind.
export async function common(redis: Redis, a: string, b: string): Promise<string[]> {
  const scratch = `scratch:common:${randomUUID()}`;
  const replies = await redis
    .multi()
    .sinterstore(scratch, key(a), key(b))
    .smembers(scratch)
    .del(scratch)
    .exec();
  const [error, shared] = replies?.[1] ?? [new Error('the transaction was aborted'), null];
  if (error) throw error;
  return (shared as string[]).sort(alphabetically);
}

export async function suggest(redis: Redis, user: string, friend: string): Promise<string[]> {
  const missing = (await redis.call('SDIFF', key(friend), key(user))) as string[];
  return [...missing].sort(alphabetically);
}

export async function countCommon(
  redis: Redis,
  a: string,
  b: string,
  atMost: number,
): Promise<number> {
  return (await redis.call('SINTERCARD', '2', key(a), key(b), 'LIMIT', String(atMost))) as number;
}
