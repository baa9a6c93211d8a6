// fails: top returns the n highest scores, highest first
// Keeps each answer of top, and reads only the leader on later calls: while the leader stays,
// changes below the leader never show.
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

const kept = new Map<string, { player: string; score: number }[]>();

export async function top(
  redis: Redis,
  board: string,
  n: number,
): Promise<{ player: string; score: number }[]> {
  if (n <= 0) return [];
  const memoKey = `${board}\n${n}`;
  const old = kept.get(memoKey);
  if (old !== undefined && old.length > 0) {
    const [leader, score] = await redis.zrange(key(board), 0, '0', 'REV', 'WITHSCORES');
    if (leader === old[0]?.player && Number(score) === old[0]?.score) {
      return old.map((entry) => ({ ...entry }));
    }
  }
  const reply = await redis.zrange(key(board), 0, String(n - 1), 'REV', 'WITHSCORES');
  const entries: { player: string; score: number }[] = [];
  for (let i = 0; i < reply.length; i += 2) {
    entries.push({ player: reply[i] as string, score: Number(reply[i + 1]) });
  }
  kept.set(memoKey, entries);
  return entries.map((entry) => ({ ...entry }));
}

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const position = await redis.zrevrank(key(board), player);
  return position === null ? null : position + 1;
}
