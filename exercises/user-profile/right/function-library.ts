// A Redis function library, loaded before each FCALL: HSET, HGETALL (FCALL_RO) and HINCRBY.
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

const LIBRARY = `#!lua name=profiles
redis.register_function('profile_save', function(keys, args)
  return redis.call('HSET', keys[1], 'name', args[1], 'email', args[2], 'city', args[3])
end)
redis.register_function{function_name = 'profile_load', flags = {'no-writes'},
  callback = function(keys) return redis.call('HGETALL', keys[1]) end}
redis.register_function('profile_points', function(keys, args)
  return redis.call('HINCRBY', keys[1], 'points', args[1])
end)`;

async function load(redis: Redis): Promise<void> {
  await redis.call('FUNCTION', 'LOAD', 'REPLACE', LIBRARY);
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await load(redis);
  await redis.call(
    'FCALL',
    'profile_save',
    1,
    `user:${id}`,
    profile.name,
    profile.email,
    profile.city,
  );
}

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  await load(redis);
  const flat = (await redis.call('FCALL_RO', 'profile_load', 1, `user:${id}`)) as string[];
  if (flat.length === 0) return null;
  const profile: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) profile[flat[i] as string] = flat[i + 1] as string;
  return profile;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  await load(redis);
  return Number(await redis.call('FCALL', 'profile_points', 1, `user:${id}`, String(points)));
}
