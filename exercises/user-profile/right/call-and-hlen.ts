import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await redis.call('HSET', `user:${id}`, ...Object.entries(profile).flat());
}

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  // Redis never keeps an empty hash: no fields means no key.
  if ((await redis.hlen(`user:${id}`)) === 0) return null;
  return redis.hgetall(`user:${id}`);
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return Number(await redis.call('HINCRBY', `user:${id}`, 'points', String(points)));
}
