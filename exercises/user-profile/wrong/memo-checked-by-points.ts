// fails: loadProfile reads Redis on every call, and only reads
// Keeps profiles in a Map and reads the hash again only when HGET points differs: a new city
// or e-mail with the same points is never seen.
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await redis.hset(`user:${id}`, profile);
}

const memo = new Map<string, Record<string, string>>();

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  const key = `user:${id}`;
  const kept = memo.get(id);
  if (kept !== undefined) {
    const points = await redis.hget(key, 'points');
    if (points !== null && points === kept.points) return { ...kept };
  }
  const fields = await redis.hgetall(key);
  if (Object.keys(fields).length === 0) {
    memo.delete(id);
    return null;
  }
  memo.set(id, fields);
  return { ...fields };
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
