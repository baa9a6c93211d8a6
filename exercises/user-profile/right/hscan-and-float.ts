// HMSET through call() in a pipeline, HSCAN of the user's own key, HINCRBYFLOAT for the points.
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  const replies = await redis
    .pipeline()
    .call('HMSET', `user:${id}`, 'name', profile.name, 'email', profile.email, 'city', profile.city)
    .exec();
  const error = replies?.[0]?.[0];
  if (error) throw error;
}

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  const profile: Record<string, string> = {};
  let cursor = '0';
  do {
    const [next, flat] = await redis.hscan(`user:${id}`, cursor, 'COUNT', 100);
    for (let i = 0; i + 1 < flat.length; i += 2) profile[flat[i] as string] = flat[i + 1] as string;
    cursor = next;
  } while (cursor !== '0');
  return Object.keys(profile).length === 0 ? null : profile;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return Number(await redis.hincrbyfloat(`user:${id}`, 'points', points));
}
