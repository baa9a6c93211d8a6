import type Redis from 'ioredis';

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  // TODO: add points to the player's score in the sorted set leaderboard:<board>
  // and return the new score as a number.
  void redis;
  void board;
  void player;
  void points;
  return 0;
}

export async function top(
  redis: Redis,
  board: string,
  n: number,
): Promise<{ player: string; score: number }[]> {
  // TODO: return the n highest scores of leaderboard:<board>, highest first.
  void redis;
  void board;
  void n;
  return [];
}

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  // TODO: return the player's 1-based position from the top, or null when absent.
  void redis;
  void board;
  void player;
  return null;
}
