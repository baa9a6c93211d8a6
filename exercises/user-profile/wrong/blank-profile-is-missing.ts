// fails: loadProfile returns null for a user who does not exist
// Answers null for a hash whose values are all empty, though the key exists.
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
  return Object.values(fields).some((value) => value !== '') ? fields : null;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
