// fails: countCommon lets Redis count with SINTERCARD … LIMIT, reading no topics
// Sends LIMIT only for atMost up to 100, and counts the whole intersection past that: Redis no longer stops at atMost.
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
  // Redis intersects the sets next to the data and sends back only the shared topics.
  const shared = await redis.sinter(interests(a), interests(b));
  // A set has no order: sort, so that the same topics always come back the same way.
  return shared.sort();
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
  // Past 100, a limit saves little: count them all and cap in JavaScript.
  if (atMost > 100) {
    return Math.min(await redis.sintercard(2, interests(a), interests(b)), atMost);
  }
  return redis.sintercard(2, interests(a), interests(b), 'LIMIT', atMost);
}
