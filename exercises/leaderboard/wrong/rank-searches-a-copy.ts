// fails: rank asks Redis for the position instead of reading the board
// One script copies the board to a scratch key (ZUNIONSTORE), reads it all and deletes it; rank
// searches the names in JavaScript.
import type Redis from 'ioredis';

const key = (board: string) => `leaderboard:${board}`;

export async function addScore(
  redis: Redis,
  board: string,
  player: string,
  points: number,
): Promise<number> {
  return Number(await redis.zincrby(key(board), points, player));
}

export async function top(
  redis: Redis,
  board: string,
  n: number,
): Promise<{ player: string; score: number }[]> {
  if (n <= 0) return [];
  const reply = await redis.zrange(key(board), 0, String(n - 1), 'REV', 'WITHSCORES');
  const entries: { player: string; score: number }[] = [];
  for (let i = 0; i < reply.length; i += 2) {
    entries.push({ player: reply[i] as string, score: Number(reply[i + 1]) });
  }
  return entries;
}

const READ_ALL = `
redis.call('ZUNIONSTORE', KEYS[2], 1, KEYS[1])
local all = redis.call('ZRANGE', KEYS[2], 0, -1, 'REV')
redis.call('DEL', KEYS[2])
return all`;

export async function rank(redis: Redis, board: string, player: string): Promise<number | null> {
  const scratch = `tmp:rank:${board}`;
  const all = (await redis.eval(READ_ALL, 2, key(board), scratch)) as string[];
  const index = all.indexOf(player);
  return index === -1 ? null : index + 1;
}
