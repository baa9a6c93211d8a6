// fails: rank answers one position while an addScore changes the board
// rank from three reads (ZSCORE, ZCOUNT above it, ZRANGEBYSCORE of the tied): a climb of the
// player's between them counts the player above their own old score.
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

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const key = `leaderboard:${board}`;
  const score = await redis.zscore(key, player);
  if (score === null) return null;
  const above = await redis.zcount(key, `(${score}`, '+inf');
  const tied = await redis.zrangebyscore(key, score, score);
  // ZRANGE ... REV puts the later name first among equal scores.
  const before = tied.filter((name) => Buffer.compare(Buffer.from(name), Buffer.from(player)) > 0);
  return above + before.length + 1;
}
