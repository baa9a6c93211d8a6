import type Redis from 'ioredis';

// Not right at all: verify must report it, with the seed of the run that showed it.
export async function echo(redis: Redis, value: string): Promise<string | null> {
  await redis.set('echo', value.toUpperCase());
  return value;
}
