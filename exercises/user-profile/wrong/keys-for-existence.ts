// fails: loadProfile reads user:<id> itself, without KEYS or SCAN
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await redis.hset(`user:${id}`, profile);
}

// Right answer, wrong cost: KEYS walks every key in the database to answer about one.
export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  const found = await redis.keys(`user:${id}`);
  if (found.length === 0) return null;
  return redis.hgetall(`user:${id}`);
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
