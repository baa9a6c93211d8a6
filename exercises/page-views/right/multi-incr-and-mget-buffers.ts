// INCR inside a MULTI (its count the first of EXEC's replies); the counters read with mgetBuffer
// and decoded; the claim as SET … NX PX 600000 inside a MULTI.
import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  const [[error, count] = [new Error('the transaction was aborted')]] =
    (await redis.multi().incr(`views:${page}`).exec()) ?? [];
  if (error) throw error;
  return count as number;
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  const counts = await redis.mgetBuffer(pages.map((page) => `views:${page}`));
  return counts.map((count) => (count === null ? 0 : Number(count.toString())));
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  const [[error, reply] = [new Error('the transaction was aborted')]] =
    (await redis.multi().set(`username:${name}`, userId, 'PX', 600_000, 'NX').exec()) ?? [];
  if (error) throw error;
  return reply === 'OK';
}
