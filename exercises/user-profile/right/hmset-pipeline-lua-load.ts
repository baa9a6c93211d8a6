// HMSET through call(), a Lua script that answers nil for a missing key, HINCRBY in a pipeline.
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  const { city, email, name } = profile;
  await redis.call('HMSET', `user:${id}`, 'email', email, 'city', city, 'name', name);
}

const LOAD = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
return redis.call('HGETALL', KEYS[1])`;

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  const flat = (await redis.eval(LOAD, 1, `user:${id}`)) as string[] | null;
  if (flat === null) return null;
  const profile: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) profile[flat[i] as string] = flat[i + 1] as string;
  return profile;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  const replies = await redis.pipeline().hincrby(`user:${id}`, 'points', points).exec();
  const [error, total] = replies?.[0] ?? [new Error('no reply'), null];
  if (error) throw error;
  return total as number;
}
