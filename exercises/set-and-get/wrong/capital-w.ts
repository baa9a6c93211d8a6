// fails: weather holds the string sunny after main, whatever it held before
import type Redis from 'ioredis';

// Keys are case-sensitive: this writes and reads the key Weather, and weather stays empty.
export async function main(redis: Redis): Promise<string | null> {
  await redis.set('Weather', 'sunny');
  return redis.get('Weather');
}
