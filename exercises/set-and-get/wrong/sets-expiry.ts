// fails: weather holds the string sunny after main, whatever it held before
// Gives weather a minute to live: the forecast is gone a minute later.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny', 'EX', 60);
  return redis.get('weather');
}
