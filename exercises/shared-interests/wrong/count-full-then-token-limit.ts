// fails: countCommon lets Redis count with SINTERCARD … LIMIT, reading no topics
// Counts the whole intersection with SINTERSTORE and caps it in JavaScript, and sends a SINTERCARD
// … LIMIT whose reply it ignores: Redis never stops at atMost.
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
  const scratch = `count:${a}:${b}`;
  const replies = await redis
    .pipeline()
    .sinterstore(scratch, key(a), key(b))
    .del(scratch)
    .sintercard(2, key(a), key(b), 'LIMIT', atMost) // for the checks; its reply is not used
    .exec();
  const total = Number(replies?.[0]?.[1] ?? 0);
  return Math.min(total, atMost);
}
