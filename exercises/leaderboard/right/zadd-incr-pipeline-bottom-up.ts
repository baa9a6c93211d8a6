// ZADD … INCR in a pipeline; top reads the last n of the ascending order and reverses them;
// rank with ZREVRANK in a pipeline.
import type Redis from 'ioredis';

const key = (board: string) => `leaderboard:${board}`;

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  const replies = await redis.pipeline().zadd(key(board), 'INCR', points, player).exec();
  const [error, score] = replies?.[0] ?? [new Error('no reply'), null];
  if (error) throw error;
  return Number(score);
}

export async function top(
  redis: Redis,
  board: string,
  n: number,
): Promise<{ player: string; score: number }[]> {
  if (n < 1) return [];
  const flat = await redis.zrange(key(board), -n, '-1', 'WITHSCORES');
  const entries: { player: string; score: number }[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    entries.push({ player: flat[i] as string, score: Number(flat[i + 1]) });
  }
  return entries.reverse();
}

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const replies = await redis.pipeline().zrevrank(key(board), player).exec();
  const [error, position] = replies?.[0] ?? [new Error('no reply'), null];
  if (error) throw error;
  return typeof position === 'number' ? position + 1 : null;
}
