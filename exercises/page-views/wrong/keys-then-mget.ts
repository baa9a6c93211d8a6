// fails: countViews reads every counter with one MGET
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

// Looks up every counter there is first, and reads them all: two commands, and far more keys
// than the pages asked for once the site grows.
export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const keys = await redis.keys('views:*');
  const values = keys.length > 0 ? await redis.mget(keys) : [];
  const byKey = new Map(keys.map((key, index) => [key, values[index]]));
  return pages.map((page) => Number(byKey.get(`views:${page}`) ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
