// fails: main reads weather back with GET after writing it
import type Redis from 'ioredis';

// The script writes the key but answers with its own argument: Redis is never asked what it holds.
export async function main(redis: Redis): Promise<string | null> {
  return (await redis.eval(
    "redis.call('SET', KEYS[1], ARGV[1]) return ARGV[1]",
    1,
    'weather',
    'sunny',
  )) as string;
}
