// fails: loadProfile reads user:<id> itself, without KEYS or SCAN
// Searches with KEYS for any id that is not four or five digits.
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
  const key = `user:${id}`;
  if (!/^\d{4,5}$/.test(id) && (await redis.keys(key)).length === 0) return null;
  const fields = await redis.hgetall(key);
  return Object.keys(fields).length === 0 ? null : fields;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
