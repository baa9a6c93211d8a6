// fails: loadProfile reads user:<id> itself, without KEYS or SCAN
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await redis.hset(`user:${id}`, profile);
}

// The KEYS search moved into a script, where the client sees only EVAL: Redis still walks every key.
const LOAD_SCRIPT = `
if #redis.call('KEYS', KEYS[1]) == 0 then return false end
return redis.call('HGETALL', KEYS[1])
`;

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  const flat = (await redis.eval(LOAD_SCRIPT, 1, `user:${id}`)) as string[] | null;
  if (!flat) return null;
  const profile: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) profile[flat[i] as string] = flat[i + 1] as string;
  return profile;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return redis.hincrby(`user:${id}`, 'points', points);
}
