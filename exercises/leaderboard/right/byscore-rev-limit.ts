// top with the unified ZRANGE … BYSCORE REV LIMIT 0 n (LIMIT 0 0 answers nothing, so n = 0
// needs no test), sent with call(), whose reply may come as pairs; addScore with ZADD … INCR; rank from a script that adds the 1 itself.
import type Redis from 'ioredis';

const key = (board: string) => `leaderboard:${board}`;

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  const total = await redis.zadd(key(board), 'INCR', points, player);
  return Number.parseFloat(String(total));
}

export async function top(
  redis: Redis,
  board: string,
  n: number,
): Promise<{ player: string; score: number }[]> {
  const pairs = (await redis.call(
    'ZRANGE',
    key(board),
    '+inf',
    '-inf',
    'BYSCORE',
    'REV',
    'LIMIT',
    '0',
    String(n),
    'WITHSCORES',
  )) as (string | [string, string])[];
  // call() answers WITHSCORES as [member, score] pairs (RESP3) or as one flat list (RESP2).
  const reply = pairs.flat();
  const entries: { player: string; score: number }[] = [];
  while (entries.length * 2 < reply.length) {
    const at = entries.length * 2;
    entries.push({ player: String(reply[at]), score: Number.parseFloat(String(reply[at + 1])) });
  }
  return entries;
}

const RANK = `
local position = redis.call('ZREVRANK', KEYS[1], ARGV[1])
if position then return position + 1 end
return false`;

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const position = (await redis.eval(RANK, 1, key(board), player)) as number | null;
  return position;
}
