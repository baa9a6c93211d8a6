// fails: rank asks Redis for the position instead of reading the board
// Reads the whole board and searches it unless the board has 25 players or more.
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
  if ((await redis.zcard(key(board))) >= 25) {
    const position = await redis.zrevrank(key(board), player);
    return position === null ? null : position + 1;
  }
  const everyone = await redis.zrevrange(key(board), 0, -1);
  const index = everyone.indexOf(player);
  return index === -1 ? null : index + 1;
}
