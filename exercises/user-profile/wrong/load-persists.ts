// fails: loadProfile reads Redis on every call, and only reads
// Every read also PERSISTs the key, removing a time to live someone else gave it.
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
  const replies = await redis.multi().hgetall(key).persist(key).exec();
  const fields = (replies?.[0]?.[1] ?? {}) as Record<string, string>;
  return Object.keys(fields).length === 0 ? null : fields;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
