// ZADD … INCR in a MULTI; top from one script (ZREVRANGE, then ZSCORE of each name); rank from
// ZREVRANK in a script.
import type Redis from 'ioredis';

const key = (board: string) => `leaderboard:${board}`;

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  const replies = await redis.multi().zadd(key(board), 'INCR', points, player).exec();
  const [error, score] = replies?.[0] ?? [new Error('transaction aborted'), null];
  if (error) throw error;
  return Number(score);
}

const TOP = `
local n = tonumber(ARGV[1])
if n < 1 then return {} end
local names = redis.call('ZREVRANGE', KEYS[1], 0, n - 1)
local out = {}
for i, name in ipairs(names) do
  out[i] = { name, redis.call('ZSCORE', KEYS[1], name) }
end
return out`;

export async function top(
  redis: Redis,
  board: string,
  n: number,
): Promise<{ player: string; score: number }[]> {
  const pairs = (await redis.eval(TOP, 1, key(board), n)) as [string, string][];
  return pairs.map(([player, score]) => ({ player, score: Number(score) }));
}

const RANK = `
local r = redis.call('ZREVRANK', KEYS[1], ARGV[1])
if r == false then return -1 end
return r`;

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const position = Number(await redis.eval(RANK, 1, key(board), player));
  return position < 0 ? null : position + 1;
}
