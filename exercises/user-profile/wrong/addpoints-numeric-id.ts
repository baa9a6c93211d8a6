// fails: addPoints adds to the field points and returns the new total
// addPoints turns an id of digits into a number: addPoints('042', …) adds to user:42.
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

const pointsKey = (id: string) => `user:${/^\d+$/.test(id) ? String(Number(id)) : id}`;

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(pointsKey(id), 'points', points);
}
