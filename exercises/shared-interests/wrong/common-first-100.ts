// fails: common lets Redis intersect the sets, and sends only the shared topics
// Returns at most the first 100 shared topics ("a page"): users who share more get a list cut short.
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

export async function common(redis: Redis, a: string, b: string): Promise<string[]> {
  const shared = await redis.sinter(interests(a), interests(b));
  return shared.sort().slice(0, 100);
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
