// fails: addPoints for an id never saved makes a hash holding only points, and loadProfile returns it
// A hash that addPoints creates is given 30 days to live.
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

const ADD = `
local existed = redis.call('EXISTS', KEYS[1])
local total = redis.call('HINCRBY', KEYS[1], 'points', ARGV[1])
if existed == 0 then redis.call('EXPIRE', KEYS[1], 2592000) end
return total`;

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  return (await redis.eval(ADD, 1, `user:${id}`, points)) as number;
}
