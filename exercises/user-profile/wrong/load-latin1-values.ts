// fails: loadProfile returns every field of user:<id> as strings
// loadProfile reads the hash as bytes and decodes each value as latin1: a name like "José" comes back as "JosÃ©".
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
  const raw = await redis.hgetallBuffer(`user:${id}`);
  const entries = Object.entries(raw);
  if (entries.length === 0) return null;
  return Object.fromEntries(entries.map(([field, value]) => [field, value.toString('latin1')]));
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
