// WATCH and a retry loop for the points, HSET from a Lua script, EXISTS and HGETALL in one MULTI.
import type Redis from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

const SAVE =
  "return redis.call('HSET', KEYS[1], 'name', ARGV[1], 'email', ARGV[2], 'city', ARGV[3])";

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  await redis.eval(SAVE, 1, `user:${id}`, profile.name, profile.email, profile.city);
}

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  const key = `user:${id}`;
  const replies = await redis.multi().exists(key).hgetall(key).exec();
  if (!replies) throw new Error('transaction aborted');
  const [[e1, exists] = [null, 0], [e2, fields] = [null, {}]] = replies;
  if (e1 || e2) throw e1 ?? e2;
  return exists === 1 ? (fields as Record<string, string>) : null;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  const key = `user:${id}`;
  for (;;) {
    await redis.watch(key);
    const current = Number((await redis.hget(key, 'points')) ?? 0);
    const total = current + points;
    const replies = await redis.multi().hset(key, 'points', total).exec();
    if (replies !== null) return total;
  }
}
