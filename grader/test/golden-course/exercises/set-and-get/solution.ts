import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  // What Redis holds now, not the string typed above: the checks compare the two.
  return redis.get('weather');
}
