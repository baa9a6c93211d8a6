// fails: weather holds the string sunny after main, whatever it held before
// Skips the write when weather already says sunny, so an expiry it had is kept.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  if ((await redis.get('weather')) !== 'sunny') await redis.set('weather', 'sunny');
  return redis.get('weather');
}
