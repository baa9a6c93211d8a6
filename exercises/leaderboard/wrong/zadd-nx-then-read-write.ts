// fails: two addScores at the same time both count
// ZADD NX for a new player, but ZSCORE then ZADD for one already on the board: two additions
// at the same time to a player with a score lose one.
import type Redis from 'ioredis';

const key = (board: string) => `leaderboard:${board}`;

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  if ((await redis.zadd(key(board), 'NX', points, player)) === 1) return points;
  const total = Number(await redis.zscore(key(board), player)) + points;
  await redis.zadd(key(board), total, player);
  return total;
}

export async function top(
  redis: Redis,
  board: string,
  n: number,
): Promise<{ player: string; score: number }[]> {
  if (n <= 0) return [];
  const reply = await redis.zrange(key(board), 0, String(n - 1), 'REV', 'WITHSCORES');
  const entries: { player: string; score: number }[] = [];
  for (let i = 0; i < reply.length; i += 2) {
    entries.push({ player: reply[i] as string, score: Number(reply[i + 1]) });
  }
  return entries;
}

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const position = await redis.zrevrank(key(board), player);
  return position === null ? null : position + 1;
}
