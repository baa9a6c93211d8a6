// fails: recordView adds with one INCR and sends nothing else
// After its 6th view a server counts in memory and flushes with INCRBY every 10 views: views
// go missing from Redis, and the counts returned ignore other servers' views.
import type Redis from 'ioredis';

let recorded = 0;
const pending = new Map<string, { count: number; unsent: number }>();

export async function recordView(redis: Redis, page: string): Promise<number> {
  const key = `views:${page}`;
  recorded += 1;
  if (recorded <= 6) return redis.incr(key);
  let local = pending.get(key);
  if (local === undefined) {
    local = { count: await redis.incr(key), unsent: 0 };
    pending.set(key, local);
    return local.count;
  }
  local.count += 1;
  local.unsent += 1;
  if (local.unsent >= 10) {
    await redis.incrby(key, local.unsent);
    local.unsent = 0;
  }
  return local.count;
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mget(pages.map((page) => `views:${page}`));
  return counts.map((count) => Number(count ?? 0));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  return (await redis.set(`username:${name}`, userId, 'EX', 600, 'NX')) === 'OK';
}
