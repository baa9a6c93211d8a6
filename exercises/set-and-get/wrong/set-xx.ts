// fails: weather holds the string sunny after main, whatever it held before
import type Redis from 'ioredis';

// XX reads as "overwrite", but it writes only when the key exists: a first run stores nothing.
export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny', 'XX');
  return redis.get('weather');
}
