import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  // TODO: store the string 'sunny' under the key 'weather'.
  await redis.set('weather', 'sunny');
  // TODO: read 'weather' back from Redis and return what it holds.
  return redis.get('weather');
}
