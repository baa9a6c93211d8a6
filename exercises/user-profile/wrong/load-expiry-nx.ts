// fails: loadProfile reads Redis on every call, and only reads
// Reading a profile with no time to live gives it 30 days (EXPIRE … NX): a read that makes
// profiles expire.
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
  const key = `user:${id}`;
  const fields = await redis.hgetall(key);
  if (Object.keys(fields).length === 0) return null;
  await redis.call('EXPIRE', key, 30 * 86_400, 'NX');
  return fields;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
