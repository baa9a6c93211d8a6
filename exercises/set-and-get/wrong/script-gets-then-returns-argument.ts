// fails: main returns what GET weather answered
// A script sends GET but drops its answer and returns its own argument, the typed 'sunny'.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  // Make sure the key is readable, then answer with the value we know we wrote.
  return (await redis.eval("redis.call('GET', KEYS[1]) return ARGV[1]", 1, 'weather', 'sunny')) as
    | string
    | null;
}
