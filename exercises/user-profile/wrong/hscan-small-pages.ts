// fails: loadProfile returns the hash as it was at one moment, never half old and half new
// HSCAN in pages of 5: a save landing between two pages of a large hash is read half old, half new.
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
  const profile: Record<string, string> = {};
  let cursor = '0';
  do {
    const [next, flat] = await redis.hscan(`user:${id}`, cursor, 'COUNT', 5);
    for (let i = 0; i + 1 < flat.length; i += 2) profile[flat[i] as string] = flat[i + 1] as string;
    cursor = next;
  } while (cursor !== '0');
  return Object.keys(profile).length === 0 ? null : profile;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
