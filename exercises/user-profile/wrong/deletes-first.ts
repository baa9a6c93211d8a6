// fails: saveProfile writes the three fields with one HSET
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

// Deleting the old hash before writing the new fields throws away the user's points.
export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await redis.multi().del(`user:${id}`).hset(`user:${id}`, profile).exec();
}

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  const fields = await redis.hgetall(`user:${id}`);
  return Object.keys(fields).length === 0 ? null : fields;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
