import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  // HMSET is the older spelling of HSET with many fields; the MULTI around it changes nothing.
  await redis
    .multi()
    .hmset(`user:${id}`, { name: profile.name, email: profile.email, city: profile.city })
    .exec();
}

// HGETALL inside a script answers a flat list: field, value, field, value…
const LOAD_SCRIPT = "return redis.call('HGETALL', KEYS[1])";

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  const flat = (await redis.eval(LOAD_SCRIPT, 1, `user:${id}`)) as string[];
  if (flat.length === 0) return null;
  const profile: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) {
    profile[flat[i] as string] = flat[i + 1] as string;
  }
  return profile;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  const replies = await redis.multi().hincrby(`user:${id}`, 'points', points).exec();
  const [error, total] = replies?.[0] ?? [new Error('the transaction was aborted'), null];
  if (error) throw error;
  return total as number;
}
