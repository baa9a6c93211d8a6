// fails: claimName stores the user id under username:<name> and returns true
// Drops a leading '@' from the username: claiming '@ada' writes username:ada.
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  const key = `username:${name.replace(/^@+/, '')}`;
  return (await redis.set(key, userId, 'EX', 600, 'NX')) === 'OK';
}
