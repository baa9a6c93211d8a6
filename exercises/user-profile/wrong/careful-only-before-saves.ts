// fails: additions to one user at the same time lose no points
// HGET then HSET for the points once the module has run saveProfile (HINCRBY before): additions
// at the same time are lost.
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

let saved = false;

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  saved = true;
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
  if (!saved) return redis.hincrby(key, 'points', points);
  const total = Number((await redis.hget(key, 'points')) ?? 0) + points;
  await redis.hset(key, 'points', total);
  return total;
}
