// fails: saveProfile stores the profile as a hash under user:<id>
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

// One string key per field, as in the SET and GET lesson: user:<id> itself never exists.
export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await redis.set(`user:${id}:name`, profile.name);
  await redis.set(`user:${id}:email`, profile.email);
  await redis.set(`user:${id}:city`, profile.city);
}

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  const [name, email, city] = await redis.mget(
    `user:${id}:name`,
    `user:${id}:email`,
    `user:${id}:city`,
  );
  if (name == null || email == null || city == null) return null;
  return { name, email, city };
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.incrby(`user:${id}:points`, points);
}
