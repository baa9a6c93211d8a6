// follow with WATCH and a retry loop, hasInterest with SMISMEMBER, suggest with SDIFFSTORE into a
// unique key read and deleted in the same MULTI.
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const key = (user: string) => `interests:${user}`;

export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  const unique = [...new Set(topics)];
  for (;;) {
    await redis.watch(key(user));
    const present = await redis.smismember(key(user), ...unique);
    const fresh = unique.filter((_, i) => present[i] === 0);
    if (fresh.length === 0) {
      await redis.unwatch();
      return 0;
    }
    const done = await redis
      .multi()
      .sadd(key(user), ...fresh)
      .exec();
    if (done) return fresh.length;
  }
}

export async function unfollow(redis: Redis, user: string, topic: string): Promise<boolean> {
  return (await redis.srem(key(user), topic)) !== 0;
}

export async function hasInterest(redis: Redis, user: string, topic: string): Promise<boolean> {
  const [flag] = await redis.smismember(key(user), topic);
  return flag === 1;
}

export async function common(redis: Redis, a: string, b: string): Promise<string[]> {
  return (await redis.sinter([key(a), key(b)])).sort();
}

export async function suggest(redis: Redis, user: string, friend: string): Promise<string[]> {
  const scratch = `suggest:${randomUUID()}`;
  const replies = await redis
    .multi()
    .sdiffstore(scratch, key(friend), key(user))
    .smembers(scratch)
    .unlink(scratch)
    .exec();
  const missing = replies?.[1]?.[1];
  if (!Array.isArray(missing)) throw new Error('transaction aborted');
  return (missing as string[]).sort();
}

export async function countCommon(
  redis: Redis,
  a: string,
  b: string,
  atMost: number,
): Promise<number> {
  return redis.sintercard(2, key(a), key(b), 'LIMIT', atMost);
}
