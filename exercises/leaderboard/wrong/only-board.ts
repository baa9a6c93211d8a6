// fails: addScore puts a new player on the board, starting from 0
import type Redis from 'ioredis';

// When the board does not exist yet, looks one up with KEYS and takes the first found: a new
// board's first score goes to another game's board.
export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  const own = `leaderboard:${board}`;
  const [key = own] = (await redis.exists(own)) ? [own] : await redis.keys('leaderboard:*');
  return Number(await redis.zincrby(key, points, player));
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
