// fails: additions to one user at the same time lose no points
// A user's first points are written with HEXISTS then HSET: an addition landing in between is lost.
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
  if (!(await redis.hexists(key, 'points'))) {
    await redis.hset(key, 'points', points);
    return points;
  }
  return redis.hincrby(key, 'points', points);
}
