// fails: saveProfile stores the profile as a hash under user:<id>
// Trims the id: ' 42 ' is saved under user:42.
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

const key = (id: string) => `user:${id.trim()}`;

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await redis.hset(key(id), profile);
}

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  const fields = await redis.hgetall(key(id));
  return Object.keys(fields).length === 0 ? null : fields;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(key(id), 'points', points);
}
