// top reads the last n of the ascending order (ZRANGE -n -1) and reverses them, which gives
// ties in ZRANGE … REV's order too; rank as ZCARD minus ZRANK, both read in one MULTI; addScore
// through a one-line EVAL.
import type Redis from 'ioredis';

const key = (board: string) => `leaderboard:${board}`;

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  const total = await redis.eval(
    "return redis.call('ZINCRBY', KEYS[1], ARGV[1], ARGV[2])",
    1,
    key(board),
    points,
    player,
  );
  return Number(total);
}

export async function top(
  redis: Redis,
  board: string,
  n: number,
): Promise<{ player: string; score: number }[]> {
  // -0 would be 0: the range would start at the bottom and read everything.
  if (n === 0) return [];
  const reply = await redis.zrange(key(board), String(-n), '-1', 'WITHSCORES');
  const entries: { player: string; score: number }[] = [];
  for (let i = reply.length - 2; i >= 0; i -= 2) {
    entries.push({ player: reply[i] as string, score: Number(reply[i + 1]) });
  }
  return entries;
}

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const replies = await redis.multi().zcard(key(board)).zrank(key(board), player).exec();
  const size = replies?.[0]?.[1] as number;
  const position = replies?.[1]?.[1] as number | null;
  return position === null ? null : size - position;
}
