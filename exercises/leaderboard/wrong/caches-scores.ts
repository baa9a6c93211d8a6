// fails: addScore returns the new score as a number
import type Redis from 'ioredis';

// Keeps the scores it has seen to save a read: a score another client changed is not seen.
const known = new Map<string, number>();

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  const key = `leaderboard:${board}`;
  const cached = known.get(`${key}/${player}`);
  const total =
    cached === undefined ? Number(await redis.zincrby(key, points, player)) : cached + points;
  if (cached !== undefined) await redis.zincrby(key, points, player);
  known.set(`${key}/${player}`, total);
  return total;
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
