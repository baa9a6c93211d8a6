// fails: top returns the n highest scores, highest first
// Caps n at 25: top(board, 30) of a big board returns 25 players.
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
  const count = Math.min(n, 25);
  if (count <= 0) return [];
  const reply = await redis.zrange(
    `leaderboard:${board}`,
    0,
    String(count - 1),
    'REV',
    'WITHSCORES',
  );
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
