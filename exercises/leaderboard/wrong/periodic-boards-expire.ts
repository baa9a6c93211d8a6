// fails: addScore puts a new player on the board, starting from 0
// Gives a board named week…/day…/month… an EXPIRE of that period: its scores vanish.
import type Redis from 'ioredis';

const PERIODS: [string, number][] = [
  ['week', 7 * 86_400],
  ['daily', 86_400],
  ['day', 86_400],
  ['month', 30 * 86_400],
];

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  const key = `leaderboard:${board}`;
  const score = Number(await redis.zincrby(key, points, player));
  const period = PERIODS.find(([prefix]) => board.startsWith(prefix));
  if (period) await redis.expire(key, period[1], 'NX');
  return score;
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
