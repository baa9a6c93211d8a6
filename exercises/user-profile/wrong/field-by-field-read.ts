// fails: loadProfile returns the hash as it was at one moment, never half old and half new
// HKEYS, then one HGET per field: a save landing in between is read half old, half new.
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
  const key = `user:${id}`;
  const names = await redis.hkeys(key);
  if (names.length === 0) return null;
  const profile: Record<string, string> = {};
  for (const name of names) profile[name] = (await redis.hget(key, name)) as string;
  return profile;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
