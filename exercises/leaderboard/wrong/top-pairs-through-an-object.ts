// fails: top returns the n highest scores, highest first
// top pairs names and scores through an object: a player named with digits ('7', '42') is
// moved to the front by JavaScript's key order, out of the board's order.
import type Redis from 'ioredis';

const key = (board: string) => `leaderboard:${board}`;

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  return Number(await redis.zincrby(key(board), points, player));
}

export async function top(
  redis: Redis,
  board: string,
  n: number,
): Promise<{ player: string; score: number }[]> {
  if (n <= 0) return [];
  const reply = await redis.zrange(key(board), 0, String(n - 1), 'REV', 'WITHSCORES');
  const scores: Record<string, number> = {};
  for (let i = 0; i < reply.length; i += 2) {
    scores[reply[i] as string] = Number(reply[i + 1]);
  }
  return Object.entries(scores).map(([player, score]) => ({ player, score }));
}

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const position = await redis.zrevrank(key(board), player);
  return position === null ? null : position + 1;
}
