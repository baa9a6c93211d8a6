// fails: addPoints for an id never saved makes a hash holding only points, and loadProfile returns it
// addPoints(id, 0) only reads the total, so an id never saved gets no hash.
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
  return Object.keys(fields).length === 0 ? null : fields;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  const key = `user:${id}`;
  if (points === 0) return Number((await redis.hget(key, 'points')) ?? 0);
  return redis.hincrby(key, 'points', points);
}
