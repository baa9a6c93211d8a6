// fails: saveProfile updates an existing user and keeps its other fields
// When HSET adds no field (an update), saveProfile gives the profile 90 days to live.
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  const key = `user:${id}`;
  if ((await redis.hset(key, profile)) === 0) await redis.expire(key, 90 * 86_400);
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
