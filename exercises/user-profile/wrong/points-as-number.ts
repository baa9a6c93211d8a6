// fails: loadProfile returns every field of user:<id> as strings
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await redis.hset(`user:${id}`, profile);
}

// points comes back as a number, where the statement asks for the string Redis holds.
export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string | number> | null> {
  const fields = await redis.hgetall(`user:${id}`);
  if (Object.keys(fields).length === 0) return null;
  return fields.points === undefined ? fields : { ...fields, points: Number(fields.points) };
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
