// fails: recordView adds one to views:<page> and returns the new count
// Counts later views of a page in memory and flushes them every 10th view: views go missing
// from Redis, and the count returned ignores other servers' views.
import type Redis from 'ioredis';

const local = new Map<string, { count: number; pending: number }>();

export async function recordView(redis: Redis, page: string): Promise<number> {
  const key = `views:${page}`;
  const known = local.get(page);
  if (known === undefined) {
    const count = await redis.incr(key);
    local.set(page, { count, pending: 0 });
    return count;
  }
  known.count += 1;
  known.pending += 1;
  if (known.pending >= 10) {
    await redis.incrby(key, known.pending);
    known.pending = 0;
  }
  return known.count;
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
