// fails: main returns what GET weather answered
// Reads weather back inside a script, with the key built from two pieces, then drops the
// script's answer and returns the string it typed.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  await redis.eval("return redis.call('GET', ARGV[1] .. ARGV[2])", 0, 'wea', 'ther');
  return 'sunny';
}
