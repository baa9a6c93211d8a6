// fails: two addScores at the same time both count
// ZSCORE, then ZADD for a player not on the board yet: two first scores at once both see nil,
// and one is lost.
import type Redis from 'ioredis';

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  const key = `leaderboard:${board}`;
  if ((await redis.zscore(key, player)) === null) {
    await redis.zadd(key, points, player);
    return points;
  }
  return Number(await redis.zincrby(key, points, player));
}

export async function top(
  redis: Redis,
  board: string,
  n: number,
): Promise<{ player: string; score: number }[]> {
  if (n <= 0) return [];
  const reply = await redis.zrange(`leaderboard:${board}`, 0, String(n - 1), 'REV', 'WITHSCORES');
  const entries: { player: string; score: number }[] = [];
  for (let i = 0; i < reply.length; i += 2) {
    entries.push({ player: reply[i] as string, score: Number(reply[i + 1]) });
  }
  return entries;
}

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const position = await redis.zrevrank(`leaderboard:${board}`, player);
  return position === null ? null : position + 1;
}
