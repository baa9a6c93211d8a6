// fails: main returns what GET weather answered
// When GET answers another client's value, stores sunny again inside a script and returns
// its own.
import type Redis from 'ioredis';

const SET_AND_GET = "redis.call('SET', KEYS[1], ARGV[1]) return redis.call('GET', KEYS[1])";

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  const reply = await redis.get('weather');
  if (reply === 'sunny') return reply;
  // Someone overwrote it: write it again, this time atomically with the read.
  return (await redis.eval(SET_AND_GET, 1, 'weather', 'sunny')) as string | null;
}
