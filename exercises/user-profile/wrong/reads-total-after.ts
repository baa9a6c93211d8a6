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

// The addition itself is safe, but the total is read by a second command: another addition can
// land in between, and both calls then return the same total.
export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  await redis.hincrby(`user:${id}`, 'points', points);
  return Number(await redis.hget(`user:${id}`, 'points'));
}
