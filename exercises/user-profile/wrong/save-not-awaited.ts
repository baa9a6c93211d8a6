// fails: saveProfile stores the profile as a hash under user:<id>
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

// No await: saveProfile returns before Redis has answered, so a read right after may miss it.
export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  redis.hset(`user:${id}`, profile);
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
