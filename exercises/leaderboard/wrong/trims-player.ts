// fails: addScore puts a new player on the board, starting from 0
// Trims the player's name: 'Ada ' is stored as 'Ada', a name that was not given.
import type Redis from 'ioredis';

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  return Number(await redis.zincrby(`leaderboard:${board}`, points, player.trim()));
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
  const position = await redis.zrevrank(`leaderboard:${board}`, player.trim());
  return position === null ? null : position + 1;
}
