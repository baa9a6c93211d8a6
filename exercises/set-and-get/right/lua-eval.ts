import type Redis from 'ioredis';

// One script does both: the GET inside it answers with what the SET just stored.
export async function main(redis: Redis): Promise<string | null> {
  return (await redis.eval(
    "redis.call('SET', KEYS[1], ARGV[1]) return redis.call('GET', KEYS[1])",
    1,
    'weather',
    'sunny',
  )) as string | null;
}
