// fails: loadProfile returns every field of user:<id> as strings
// Reads a fixed list of fields with HMGET: a field the site adds later is never returned.
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await redis.hset(`user:${id}`, profile);
}

const FIELDS = [
  'name',
  'email',
  'city',
  'points',
  'bio',
  'phone',
  'joined',
  'language',
  'avatar',
  'team',
];

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  const values = await redis.hmget(`user:${id}`, ...FIELDS);
  const profile: Record<string, string> = {};
  FIELDS.forEach((field, i) => {
    const value = values[i];
    if (value !== null && value !== undefined) profile[field] = value;
  });
  return Object.keys(profile).length === 0 ? null : profile;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
