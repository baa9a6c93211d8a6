import type Redis from 'ioredis';

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  const [[error, total] = []] =
    (await redis.multi().zincrby(`leaderboard:${board}`, points, player).exec()) ?? [];
  if (error) throw error;
  return Number.parseFloat(total as string);
}

// The names of the top n first, then their scores with one ZMSCORE, in one pipeline round trip
// each.
export async function top(
  redis: Redis,
  board: string,
  n: number,
): Promise<{ player: string; score: number }[]> {
  if (n < 1) return [];
  const key = `leaderboard:${board}`;
  const players = await redis.zrevrange(key, 0, n - 1);
  if (players.length === 0) return [];
  const scores = await redis.zmscore(key, ...players);
  return players.map((player, i) => ({ player, score: Number(scores[i]) }));
}

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const fromTop = (await redis.call('ZREVRANK', `leaderboard:${board}`, player)) as number | null;
  return fromTop === null ? null : fromTop + 1;
}
