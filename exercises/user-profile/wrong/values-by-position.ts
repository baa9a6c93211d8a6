// fails: saveProfile stores the profile as a hash under user:<id>
// Pairs the profile's values with name, email and city by position, which is the object's key order.
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  const [a, b, c] = Object.values(profile) as string[];
  await redis.hset(`user:${id}`, 'name', a ?? '', 'email', b ?? '', 'city', c ?? '');
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
