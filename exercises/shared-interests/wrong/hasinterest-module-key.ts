// fails: calls for other users at the same time, in one program, each answer for their own users
// Keeps the user's key in a module variable, read again after an await: a hasInterest for another user that starts meanwhile changes it, and this one answers about that user.
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

let key = '';

export async function hasInterest(redis: Redis, user: string, topic: string): Promise<boolean> {
  key = interests(user);
  if ((await redis.exists(key)) === 0) return false;
  return (await redis.sismember(key, topic)) === 1;
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
  // SINTERCARD (Redis 7.0) counts the intersection without sending it; LIMIT lets it stop as
  // soon as it has found atMost shared topics.
  return redis.sintercard(2, interests(a), interests(b), 'LIMIT', atMost);
}
