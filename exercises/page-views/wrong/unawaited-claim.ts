// fails: claimName stores the user id under username:<name> and returns true
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

// The SET is started but not awaited, and the answer is decided before Redis has replied.
export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  let claimed = true;
  redis.set(`username:${name}`, userId, 'EX', 600, 'NX').then((reply) => {
    claimed = reply === 'OK';
  });
  return claimed;
}
