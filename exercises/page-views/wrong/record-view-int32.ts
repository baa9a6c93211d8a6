// fails: recordView adds one to views:<page> and returns the new count
// Passes INCR's answer through | 0, which keeps 32 bits: past 2,147,483,647 views the count returned is wrong.
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  // An integer, whatever comes back.
  return (await redis.incr(`views:${page}`)) | 0;
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
