// fails: loadProfile reads Redis on every call, and only reads
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

// Keeps every profile it has read in memory: once read, a profile never changes here, even
// when another server adds points or deletes the user.
const known = new Map<string, Record<string, string>>();

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await redis.hset(`user:${id}`, profile);
  known.delete(id);
}

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  const cached = known.get(id);
  if (cached) return cached;
  const fields = await redis.hgetall(`user:${id}`);
  if (Object.keys(fields).length === 0) return null;
  known.set(id, fields);
  return fields;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
