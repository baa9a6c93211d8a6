// fails: claimName stores the user id under username:<name> and returns true
// A server's first claim checks with GET, then writes with SET … EX 600 without NX; later
// claims use SET NX EX. Two servers that start together can both get the name.
import type Redis from 'ioredis';

let warm = false;

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  const key = `username:${name}`;
  if (!warm) {
    warm = true;
    if ((await redis.get(key)) !== null) return false;
    await redis.set(key, userId, 'EX', 600);
    return true;
  }
  return (await redis.set(key, userId, 'EX', 600, 'NX')) === 'OK';
}
