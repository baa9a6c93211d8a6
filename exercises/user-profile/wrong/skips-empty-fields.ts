// fails: saveProfile updates an existing user and keeps its other fields
// Leaves empty values out of the HSET, so a city cleared by the user keeps its old value.
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  const fields = Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== ''));
  await redis.hset(`user:${id}`, fields);
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
