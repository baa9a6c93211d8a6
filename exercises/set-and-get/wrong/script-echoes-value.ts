// fails: main returns what GET weather answered
// Drops GET's reply and returns what a script that reads nothing echoes back.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  await redis.get('weather');
  return (await redis.eval('return ARGV[1]', 0, 'sunny')) as string;
}
