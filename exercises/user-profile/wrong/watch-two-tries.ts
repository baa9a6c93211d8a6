// fails: additions to one user at the same time lose no points
// WATCH and MULTI, but only two tries: beaten twice, the addition is dropped with an error.
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
  const key = `user:${id}`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    await redis.watch(key);
    const total = Number((await redis.hget(key, 'points')) ?? 0) + points;
    const replies = await redis.multi().hset(key, 'points', total).exec();
    if (replies !== null) return total;
  }
  throw new Error('too busy, points not added');
}
