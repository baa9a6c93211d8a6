// fails: top returns the n highest scores, highest first
// Keeps each answer of top in the module, cleared only by its own addScore: scores another
// client adds never show.
import type Redis from 'ioredis';

const key = (board: string) => `leaderboard:${board}`;

const answers = new Map<string, { player: string; score: number }[]>();

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  for (const cached of [...answers.keys()])
    if (cached.startsWith(`${board}\n`)) answers.delete(cached);
  return Number(await redis.zincrby(key(board), points, player));
}

export async function top(
  redis: Redis,
  board: string,
  n: number,
): Promise<{ player: string; score: number }[]> {
  const cacheKey = `${board}\n${n}`;
  const known = answers.get(cacheKey);
  if (known) return known;
  if (n <= 0) return [];
  const reply = await redis.zrange(key(board), 0, String(n - 1), 'REV', 'WITHSCORES');
  const entries: { player: string; score: number }[] = [];
  for (let i = 0; i < reply.length; i += 2) {
    entries.push({ player: reply[i] as string, score: Number(reply[i + 1]) });
  }
  answers.set(cacheKey, entries);
  return entries;
}

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const position = await redis.zrevrank(key(board), player);
  return position === null ? null : position + 1;
}
