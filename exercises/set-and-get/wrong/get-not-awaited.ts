// fails: weather holds the string sunny after main, whatever it held before
import type Redis from 'ioredis';

// Sends GET but does not wait for its answer: what it returns is the string it typed.
export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  redis.get('weather');
  return 'sunny';
}
