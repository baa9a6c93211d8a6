// fails: weather holds the string sunny after main, whatever it held before
// KEEPTTL keeps the old value's expiry, so sunny vanishes when the old value would have.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny', 'KEEPTTL');
  return redis.get('weather');
}
