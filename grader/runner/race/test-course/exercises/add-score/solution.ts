import type Redis from 'ioredis';

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  return Number(await redis.zincrby(`board:${board}`, points, player));
}
