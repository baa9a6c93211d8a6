// fails: a check nobody wrote
import type Redis from 'ioredis';

export async function echo(redis: Redis, value: string): Promise<string | null> {
  await redis.set('ECHO', value);
  return value;
}
