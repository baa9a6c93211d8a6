import type Redis from 'ioredis';

const key = (board: string) => `leaderboard:${board}`;

// ZADD with INCR adds to the score, as ZINCRBY does, and answers the new score.
export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  const total = await redis.zadd(key(board), 'INCR', points, player);
  return Number(total);
}

// BYSCORE with LIMIT counts players, so LIMIT 0 0 is naturally empty.
export async function top(
  redis: Redis,
  board: string,
  n: number,
): Promise<{ player: string; score: number }[]> {
  const reply = await redis.zrange(
    key(board),
    '+inf',
    '-inf',
    'BYSCORE',
    'REV',
    'LIMIT',
    0,
    n,
    'WITHSCORES',
  );
  const entries: { player: string; score: number }[] = [];
  for (let i = 0; i + 1 < reply.length; i += 2) {
    entries.push({ player: reply[i] as string, score: Number(reply[i + 1]) });
  }
  return entries;
}

// From the bottom, then turned around: REV reverses ties too, so ZCARD - ZRANK is the 1-based
// rank from the top. MULTI reads both at the same moment.
export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const replies = await redis.multi().zcard(key(board)).zrank(key(board), player).exec();
  const count = replies?.[0]?.[1] as number;
  const fromBottom = replies?.[1]?.[1] as number | null;
  return fromBottom === null ? null : count - fromBottom;
}
