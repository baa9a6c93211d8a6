// fails: addPoints adds to the field points and returns the new total
// addPoints adds in Lua with floats and writes tostring(total) back: a total past 10^14 is stored as "1.2345678901234e+14".
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

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  const total = await redis.eval(
    "local t = (tonumber(redis.call('HGET', KEYS[1], 'points')) or 0) + tonumber(ARGV[1]) redis.call('HSET', KEYS[1], 'points', tostring(t)) return tostring(t)",
    1,
    `user:${id}`,
    String(points),
  );
  return Number(total);
}
