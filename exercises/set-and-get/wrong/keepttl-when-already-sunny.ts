// fails: weather holds the string sunny after main, whatever it held before
// Rewrites an existing sunny with KEEPTTL, so its old expiry stays and sunny vanishes later.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  const current = await redis.get('weather');
  if (current === 'sunny') await redis.set('weather', 'sunny', 'KEEPTTL');
  else await redis.set('weather', 'sunny');
  return redis.get('weather');
}
