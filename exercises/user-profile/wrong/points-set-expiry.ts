// fails: addPoints adds to the field points and returns the new total
// Adding points also gives the profile a week to live.
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
  const replies = await redis
    .multi()
    .hincrby(key, 'points', points)
    .expire(key, 7 * 86_400)
    .exec();
  const [error, total] = replies?.[0] ?? [new Error('aborted'), null];
  if (error) throw error;
  return total as number;
}
