// fails: saveProfile changes user:<id> and no other key
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

// Also records every id in a set of users, which the statement does not ask for: saveProfile
// must change user:<id> and nothing else.
export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await redis.hset(`user:${id}`, profile);
  await redis.sadd('users', id);
}

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  const fields = await redis.hgetall(`user:${id}`);
  return Object.keys(fields).length === 0 ? null : fields;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
