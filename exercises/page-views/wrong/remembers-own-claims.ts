// fails: a name is free again once its reservation has lapsed
// Answers true without asking Redis when the same user claimed the name in the last ten
// minutes: after that claim lapsed and someone else took the name, the user still hears true.
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  return redis.incr(`views:${page}`);
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

const mine = new Map<string, { userId: string; at: number }>();

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  const known = mine.get(name);
  if (known && known.userId === userId && Date.now() - known.at < 600_000) return true;
  const claimed = (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
  if (claimed) mine.set(name, { userId, at: Date.now() });
  return claimed;
}
