// fails: top returns the n highest scores, highest first
// top reads the reply as Buffers and decodes the names as latin1: 'Zoé' comes back as 'ZoÃ©'.
import type Redis from 'ioredis';

const key = (board: string) => `leaderboard:${board}`;

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  // ZINCRBY adds to the score (a new member starts at 0); Redis replies with the score as a string.
  return Number(await redis.zincrby(key(board), points, player));
}

export async function top(
  redis: Redis,
  board: string,
  n: number,
): Promise<{ player: string; score: number }[]> {
  // With n = 0 the stop below would be -1, which ZRANGE reads as "to the end".
  if (n <= 0) return [];
  // REV walks from the highest score down; WITHSCORES interleaves: member, score, member, score…
  const reply = (await redis.zrangeBuffer(key(board), 0, String(n - 1), 'REV', 'WITHSCORES')).map(
    (part) => part.toString('latin1'),
  );
  const entries: { player: string; score: number }[] = [];
  for (let i = 0; i < reply.length; i += 2) {
    entries.push({ player: reply[i] as string, score: Number(reply[i + 1]) });
  }
  return entries;
}

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const position = await redis.zrevrank(key(board), player);
  // ZREVRANK counts from 0; people count from 1.
  return position === null ? null : position + 1;
}
