import type Redis from 'ioredis';

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  // TODO: add the points to the player's score in board:<board> and return the new score.
  void redis;
  void board;
  void player;
  void points;
  return 0;
}
