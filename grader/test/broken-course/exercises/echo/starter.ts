import type Redis from 'ioredis';

export async function echo(redis: Redis, value: string): Promise<string | null> {
  await redis.set('echo', value);
  return redis.get('echo');
}
