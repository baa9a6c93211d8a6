// ZINCRBY and ZREVRANK each in a MULTI; top with the older ZREVRANGE 0 n-1 WITHSCORES.
import type Redis from 'ioredis';

const key = (board: string) => `leaderboard:${board}`;

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  const replies = await redis.multi().zincrby(key(board), points, player).exec();
  const [error, score] = replies?.[0] ?? [new Error('transaction aborted'), null];
  if (error) throw error;
  return Number(score);
}

export async function top(
  redis: Redis,
  board: string,
  n: number,
): Promise<{ player: string; score: number }[]> {
  if (n === 0) return [];
  const reply = await redis.zrevrange(key(board), 0, n - 1, 'WITHSCORES');
  const entries: { player: string; score: number }[] = [];
  for (let i = 0; i + 1 < reply.length; i += 2) {
    entries.push({ player: String(reply[i]), score: Number.parseFloat(String(reply[i + 1])) });
  }
  return entries;
}

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const replies = await redis.multi().zrevrank(key(board), player).exec();
  const position = replies?.[0]?.[1];
  return typeof position === 'number' ? position + 1 : null;
}
