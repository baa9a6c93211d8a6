// fails: claimName stores the user id under username:<name> and returns true
// Stores Number(userId): the id 007 is stored as 7, and u_42 as NaN.
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  const id = Number(userId);
  return (await redis.set(`username:${name}`, id, 'EX', 600, 'NX')) === 'OK';
}
