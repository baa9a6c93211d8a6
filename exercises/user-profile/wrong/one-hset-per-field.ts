// fails: saveProfile writes the three fields with one HSET
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

// The right hash, but three commands (three round trips) where one HSET takes every field.
export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await redis.hset(`user:${id}`, 'name', profile.name);
  await redis.hset(`user:${id}`, 'email', profile.email);
  await redis.hset(`user:${id}`, 'city', profile.city);
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
