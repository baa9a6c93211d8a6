// fails: rank is 1 for the leader and counts down from there
// rank lower-cases the board name and trims the player's: rank('Weekly', 'ada ') asks
// leaderboard:weekly about 'ada', two other names.
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
  const entries: { player: string; score: number }[] = [];
  for (let i = 0; i < reply.length; i += 2) {
    entries.push({ player: reply[i] as string, score: Number(reply[i + 1]) });
  }
  return entries;
}

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const position = await redis.zrevrank(key(board.toLowerCase()), player.trim());
  return position === null ? null : position + 1;
}
