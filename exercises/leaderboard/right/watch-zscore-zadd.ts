// addScore reads the score after a WATCH and writes the sum in a MULTI, trying again when EXEC
// aborts: a read, then a write, made safe by WATCH. top and rank as in the solution.
import type Redis from 'ioredis';

const key = (board: string) => `leaderboard:${board}`;

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  for (;;) {
    await redis.watch(key(board));
    const total = Number((await redis.zscore(key(board), player)) ?? 0) + points;
    const replies = await redis.multi().zadd(key(board), total, player).exec();
    if (replies !== null) return total;
  }
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
