// SET then GET in a script loaded once with SCRIPT LOAD, run with EVALSHA.
import type Redis from 'ioredis';

const SCRIPT = "redis.call('SET', KEYS[1], ARGV[1]) return redis.call('GET', KEYS[1])";

export async function main(redis: Redis): Promise<string | null> {
  const sha = (await redis.script('LOAD', SCRIPT)) as string;
  return (await redis.evalsha(sha, 1, 'weather', 'sunny')) as string | null;
}
