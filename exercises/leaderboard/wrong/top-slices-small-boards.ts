// fails: top reads only the top of the board, and changes nothing
// Reads the whole board when it has 25 players or fewer (ZCARD first) and cuts it in JavaScript.
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
  const key = `leaderboard:${board}`;
  const small = (await redis.zcard(key)) <= 25;
  const reply = await redis.zrevrange(key, 0, small ? -1 : n - 1, 'WITHSCORES');
  const entries: { player: string; score: number }[] = [];
  for (let i = 0; i < reply.length; i += 2) {
    entries.push({ player: reply[i] as string, score: Number(reply[i + 1]) });
  }
  return entries.slice(0, n);
}

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const position = await redis.zrevrank(`leaderboard:${board}`, player);
  return position === null ? null : position + 1;
}
