// fails: loadProfile returns every field of user:<id> as strings
// One HSCAN from cursor 0, its cursor ignored: a large hash comes back with part of its fields.
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await redis.hset(`user:${id}`, profile);
}

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  const [, flat] = await redis.hscan(`user:${id}`, '0');
  const profile: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) profile[flat[i] as string] = flat[i + 1] as string;
  return Object.keys(profile).length === 0 ? null : profile;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
