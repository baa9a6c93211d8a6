// fails: top reads only the top of the board, and changes nothing
// COPYs the board to a scratch key, reads the whole copy, deletes it and cuts the first n in
// JavaScript: every player crosses the network.
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
  const scratch = `tmp:top:${board}:${Math.random().toString(36).slice(2)}`;
  await redis.copy(key(board), scratch);
  const reply = await redis.zrange(scratch, 0, '-1', 'REV', 'WITHSCORES');
  await redis.del(scratch);
  const entries: { player: string; score: number }[] = [];
  for (let i = 0; i < reply.length; i += 2) {
    entries.push({ player: reply[i] as string, score: Number(reply[i + 1]) });
  }
  return entries.slice(0, n);
}

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const position = await redis.zrevrank(key(board), player);
  return position === null ? null : position + 1;
}
