// HSET in a pipeline, HLEN and HRANDFIELD WITHVALUES in one script, HINCRBY in a MULTI
// sent command by command.
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  const replies = await redis
    .pipeline()
    .hset(`user:${id}`, 'city', profile.city, 'name', profile.name, 'email', profile.email)
    .exec();
  const error = replies?.[0]?.[0];
  if (error) throw error;
}

const LOAD = `
local n = redis.call('HLEN', KEYS[1])
if n == 0 then return false end
return redis.call('HRANDFIELD', KEYS[1], n, 'WITHVALUES')`;

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  const flat = (await redis.eval(LOAD, 1, `user:${id}`)) as string[] | null;
  if (flat === null) return null;
  const profile: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) profile[flat[i] as string] = flat[i + 1] as string;
  return profile;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  await redis.multi({ pipeline: false });
  await redis.hincrby(`user:${id}`, 'points', points);
  const replies = (await redis.exec()) as [Error | null, unknown][] | null;
  const [error, total] = replies?.[0] ?? [new Error('transaction aborted'), null];
  if (error) throw error;
  return Number(total);
}
