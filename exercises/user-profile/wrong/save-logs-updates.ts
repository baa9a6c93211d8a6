// fails: saveProfile updates an existing user and keeps its other fields
// When HSET adds no field (an update), saveProfile also XADDs to profile-changes: another key.
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  const added = await redis.hset(`user:${id}`, profile);
  if (added === 0) await redis.xadd('profile-changes', '*', 'user', id);
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
