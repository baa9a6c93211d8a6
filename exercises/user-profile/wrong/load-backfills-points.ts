// fails: loadProfile reads Redis on every call, and only reads
// Reading a profile without points writes points 0 into it (HSETNX): a read that writes.
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
  if (fields.points === undefined) await redis.hsetnx(key, 'points', 0);
  return fields;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
