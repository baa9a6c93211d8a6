// fails: weather holds the string sunny after main, whatever it held before
import type Redis from 'ioredis';

// NX writes only when the key is missing: a weather stored earlier stays as it was.
export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny', 'NX');
  return redis.get('weather');
}
