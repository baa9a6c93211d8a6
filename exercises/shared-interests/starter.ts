import type Redis from 'ioredis';

export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  // TODO: add the topics to the set interests:<user>; return how many were new.
  void [redis, user, topics];
  return 0;
}

export async function unfollow(redis: Redis, user: string, topic: string): Promise<boolean> {
  // TODO: remove the topic from interests:<user>; return whether the user followed it.
  void [redis, user, topic];
  return false;
}

export async function hasInterest(redis: Redis, user: string, topic: string): Promise<boolean> {
  // TODO: is the topic a member of interests:<user>?
  void [redis, user, topic];
  return false;
}

export async function common(redis: Redis, a: string, b: string): Promise<string[]> {
  // TODO: the topics both users follow, computed by Redis, sorted alphabetically.
  void [redis, a, b];
  return [];
}

export async function suggest(redis: Redis, user: string, friend: string): Promise<string[]> {
  // TODO: the friend's topics that the user does not follow yet, sorted alphabetically.
  void [redis, user, friend];
  return [];
}

export async function countCommon(
  redis: Redis,
  a: string,
  b: string,
  atMost: number,
): Promise<number> {
  // TODO: how many topics both users follow, counted by Redis, stopping at atMost.
  void [redis, a, b, atMost];
  return 0;
}
