import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incrby(`views:${page}`, 1);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const keys = pages.map((page) => `views:${page}`);
  const counts = await redis.mget(...keys);
  return counts.map((count) => (count === null ? 0 : Number.parseInt(count, 10)));
}

// An absolute deadline, in whole seconds: ten minutes from now, with NX after it.
export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  const deadline = Math.floor(Date.now() / 1000) + 600;
  const reply = await redis.call('SET', `username:${name}`, userId, 'EXAT', deadline, 'NX');
  return reply !== null;
}
