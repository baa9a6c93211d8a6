// fails: saveProfile stores the profile as a hash under user:<id>
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

// The whole profile as one JSON string: TYPE user:<id> is string, not hash, and no field can be
// read or changed on its own.
export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await redis.set(`user:${id}`, JSON.stringify(profile));
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
