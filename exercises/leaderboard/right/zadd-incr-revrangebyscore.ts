// ZADD … INCR through call(), top with ZREVRANGEBYSCORE … WITHSCORES LIMIT 0 n (ties in the
// order of ZRANGE … REV), rank with ZREVRANK through call().
import type Redis from 'ioredis';

const key = (board: string) => `leaderboard:${board}`;

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  const total = (await redis.call('ZADD', key(board), 'INCR', String(points), player)) as string;
  return Number.parseFloat(total);
}

export async function top(
  redis: Redis,
  board: string,
  n: number,
): Promise<{ player: string; score: number }[]> {
  if (n < 1) return [];
  const flat = await redis.zrevrangebyscore(
    key(board),
    '+inf',
    '-inf',
    'WITHSCORES',
    'LIMIT',
    0,
    n,
  );
  const entries: { player: string; score: number }[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    entries.push({ player: flat[i] as string, score: Number(flat[i + 1]) });
  }
  return entries;
}

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const position = (await redis.call('ZREVRANK', key(board), player)) as number | null;
  return typeof position === 'number' ? position + 1 : null;
}
