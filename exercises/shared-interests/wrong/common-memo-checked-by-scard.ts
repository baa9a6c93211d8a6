// fails: common and suggest read Redis on every call
// Keeps each pair's shared topics in memory and asks Redis again only when SCARD of either set changed: a topic swapped for another leaves both sizes alone, and common answers the old topics.
import type Redis from 'ioredis';

const interests = (user: string) => `interests:${user}`;

export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  // SADD answers how many members were new: a topic already there, or named twice, counts once.
  // One command, so two follows at the same time cannot both count the same topic.
  return redis.sadd(interests(user), ...topics);
}

export async function unfollow(redis: Redis, user: string, topic: string): Promise<boolean> {
  // SREM answers how many it removed. Redis deletes a set when its last member goes.
  return (await redis.srem(interests(user), topic)) === 1;
}

export async function hasInterest(redis: Redis, user: string, topic: string): Promise<boolean> {
  // SISMEMBER answers 1 or 0 without sending the set; a missing key is an empty set.
  return (await redis.sismember(interests(user), topic)) === 1;
}

const remembered = new Map<string, { sizes: string; shared: string[] }>();

export async function common(redis: Redis, a: string, b: string): Promise<string[]> {
  const pair = [a, b].sort().join('\n');
  const [sizeA, sizeB] = await Promise.all([redis.scard(interests(a)), redis.scard(interests(b))]);
  const sizes = `${sizeA}/${sizeB}`;
  const known = remembered.get(pair);
  if (known !== undefined && known.sizes === sizes) return [...known.shared];
  const shared = (await redis.sinter(interests(a), interests(b))).sort();
  remembered.set(pair, { sizes, shared });
  return [...shared];
}

export async function suggest(redis: Redis, user: string, friend: string): Promise<string[]> {
  // SDIFF keeps the members of its first key that none of the others holds: the friend's
  // topics, minus the user's.
  const missing = await redis.sdiff(interests(friend), interests(user));
  return missing.sort();
}

export async function countCommon(
  redis: Redis,
  a: string,
  b: string,
  atMost: number,
): Promise<number> {
  // SINTERCARD (Redis 7.0) counts the intersection without sending it; LIMIT lets it stop as
  // soon as it has found atMost shared topics.
  return redis.sintercard(2, interests(a), interests(b), 'LIMIT', atMost);
}
