// fails: loadProfile returns every field of user:<id> as strings
// loadProfile turns every value that looks like a number into a number, a phone or a zip code too: not an object of strings.
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
  if (Object.keys(fields).length === 0) return null;
  const out: Record<string, string> = {};
  for (const [field, value] of Object.entries(fields)) {
    out[field] =
      field !== 'points' && /^\d+$/.test(value) ? (Number(value) as unknown as string) : value;
  }
  return out;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
