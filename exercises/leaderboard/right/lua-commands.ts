import type Redis from 'ioredis';

type Board = Redis & {
  addPoints(key: string, points: number, player: string): Promise<string>;
  topPlayers(key: string, n: number): Promise<string[]>;
};

function board(redis: Redis): Board {
  redis.defineCommand('addPoints', {
    numberOfKeys: 1,
    lua: "return redis.call('ZINCRBY', KEYS[1], ARGV[1], ARGV[2])",
  });
  redis.defineCommand('topPlayers', {
    numberOfKeys: 1,
    lua: `
      local n = tonumber(ARGV[1])
      if n <= 0 then return {} end
      return redis.call('ZREVRANGE', KEYS[1], 0, n - 1, 'WITHSCORES')
    `,
  });
  return redis as Board;
}

export async function addScore(
  redis: Redis,
  name: string,
  player: string,
  points: number,
): Promise<number> {
  return Number(await board(redis).addPoints(`leaderboard:${name}`, points, player));
}

export async function top(
  redis: Redis,
  name: string,
  n: number,
): Promise<{ player: string; score: number }[]> {
  const flat = await board(redis).topPlayers(`leaderboard:${name}`, n);
  return Array.from({ length: flat.length / 2 }, (_, i) => ({
    player: flat[2 * i] as string,
    score: Number(flat[2 * i + 1]),
  }));
}

export async function rank(redis: Redis, name: string, player: string): Promise<number | null> {
  const position = (await redis.eval(
    "local r = redis.call('ZREVRANK', KEYS[1], ARGV[1]) if r then return r + 1 end return false",
    1,
    `leaderboard:${name}`,
    player,
  )) as number | null;
  return position;
}
