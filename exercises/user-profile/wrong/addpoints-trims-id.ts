// fails: addPoints adds to the field points and returns the new total
// addPoints trims the id: addPoints(' 7 ', 5) adds to user:7, another user's points.
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
  return redis.hincrby(`user:${id.trim()}`, 'points', points);
}
