// fails: additions to one user at the same time lose no points
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

// Read, add in TypeScript, write back: two servers doing this at once lose one addition.
export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  const total = Number((await redis.hget(`user:${id}`, 'points')) ?? 0) + points;
  await redis.hset(`user:${id}`, 'points', total);
  return total;
}
