// One EVAL per function: top with ZRANGE … BYSCORE REV LIMIT returning pairs, rank as ZCARD
// minus ZRANK read in the same script, so the two agree.
import type Redis from 'ioredis';

const key = (board: string) => `leaderboard:${board}`;

const ADD = `return redis.call('ZINCRBY', KEYS[1], ARGV[1], ARGV[2])`;

const TOP = `
local n = tonumber(ARGV[1])
if n < 1 then return {} end
local flat = redis.call('ZRANGE', KEYS[1], '+inf', '-inf', 'BYSCORE', 'REV', 'LIMIT', 0, n, 'WITHSCORES')
local pairs = {}
for i = 1, #flat, 2 do pairs[#pairs + 1] = { flat[i], flat[i + 1] } end
return pairs
`;

const RANK = `
local fromBottom = redis.call('ZRANK', KEYS[1], ARGV[1])
if not fromBottom then return false end
return redis.call('ZCARD', KEYS[1]) - fromBottom
`;

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  return Number(await redis.eval(ADD, 1, key(board), points, player));
}

export async function top(
  redis: Redis,
  board: string,
  n: number,
): Promise<{ player: string; score: number }[]> {
  const pairs = (await redis.eval(TOP, 1, key(board), n)) as [string, string][];
  return pairs.map(([player, score]) => ({ player, score: Number(score) }));
}

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const position = (await redis.eval(RANK, 1, key(board), player)) as number | null;
  return position ?? null;
}
