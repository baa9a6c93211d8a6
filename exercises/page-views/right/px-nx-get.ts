import type Redis from 'ioredis';

const TEN_MINUTES_MS = 10 * 60 * 1000;

export async function recordView(redis: Redis, page: string): Promise<number> {
  const [[error, count] = [null, 0]] = (await redis.multi().incr(`views:${page}`).exec()) ?? [];
  if (error) throw error;
  return Number(count);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => +(count ?? '0'));
}

// NX with GET answers the value the key held: nil when it was free, and then SET wrote ours.
export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  const previous = await redis.call(
    'set',
    `username:${name}`,
    userId,
    'NX',
    'PX',
    TEN_MINUTES_MS,
    'GET',
  );
  return previous === null;
}
