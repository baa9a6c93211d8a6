// fails: saveProfile stores the profile as a hash under user:<id>
// saveProfile encodes each value as latin1 bytes: "José" is stored as bytes that are not UTF-8, and "Zürich" or "東京" are garbled.
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await redis.hset(`user:${id}`, {
    name: Buffer.from(profile.name, 'latin1'),
    email: Buffer.from(profile.email, 'latin1'),
    city: Buffer.from(profile.city, 'latin1'),
  });
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
