// fails: addScore adds the points to the player's score
// Sets a week's EXPIRE on the board at every addScore: every score on it vanishes a week later.
import type Redis from 'ioredis';

const key = (board: string) => `leaderboard:${board}`;

const WEEK = 7 * 24 * 3600;

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  const [[, total] = []] =
    (await redis.multi().zincrby(key(board), points, player).expire(key(board), WEEK).exec()) ?? [];
  return Number(total);
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
