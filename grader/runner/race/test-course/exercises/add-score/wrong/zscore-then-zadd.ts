// fails: two scores added at the same time both count
import type Redis from 'ioredis';

// Reads the score, then writes the sum: two additions that read before either writes lose one.
export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  const score = Number((await redis.zscore(`board:${board}`, player)) ?? 0) + points;
  await redis.zadd(`board:${board}`, score, player);
  return score;
}
