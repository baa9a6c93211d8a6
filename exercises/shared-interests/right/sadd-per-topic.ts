import type Redis from 'ioredis';

const key = (user: string) => `interests:${user}`;

// One SADD per topic, pipelined: each answers 1 only for the call that really added the topic,
// so the sum stays right when two follows run at once.
export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  const pipeline = redis.pipeline();
  for (const topic of topics) pipeline.sadd(key(user), topic);
  const replies = (await pipeline.exec()) ?? [];
  return replies.reduce((sum, [error, added]) => {
    if (error) throw error;
    return sum + (added as number);
  }, 0);
}

export async function unfollow(redis: Redis, user: string, topic: string): Promise<boolean> {
  const removed = await redis.srem(key(user), topic);
  return removed === 1;
}

export async function hasInterest(redis: Redis, user: string, topic: string): Promise<boolean> {
  return Boolean(await redis.sismember(key(user), topic));
}

export async function common(redis: Redis, a: string, b: string): Promise<string[]> {
  // The smaller set first: SINTER walks the first set's members and looks each up in the others.
  const [sizeA, sizeB] = await Promise.all([redis.scard(key(a)), redis.scard(key(b))]);
  const keys = sizeA <= sizeB ? [key(a), key(b)] : [key(b), key(a)];
  return (await redis.sinter(keys)).sort((x, y) => x.localeCompare(y));
}

export async function suggest(redis: Redis, user: string, friend: string): Promise<string[]> {
  const missing = await redis.sdiff([key(friend), key(user)]);
  return missing.sort();
}

export async function countCommon(
  redis: Redis,
  a: string,
  b: string,
  atMost: number,
): Promise<number> {
  return redis.sintercard(2, [key(a), key(b)], 'LIMIT', atMost);
}
