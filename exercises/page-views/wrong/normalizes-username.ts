// fails: claimName stores the user id under username:<name> and returns true
// Normalizes the username to NFC before claiming it, so a name written with a combining accent claims another key.
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  // One spelling per name, however the keyboard composed its accents.
  const key = `username:${name.normalize('NFC')}`;
  return (await redis.set(key, userId, 'EX', 600, 'NX')) === 'OK';
}
