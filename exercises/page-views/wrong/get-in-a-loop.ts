// fails: countViews reads every counter with one MGET
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

// The right numbers, but one round trip to Redis per page instead of one for all of them.
export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts: number[] = [];
  for (const page of pages) counts.push(Number((await redis.get(`views:${page}`)) ?? 0));
  return counts;
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
