// fails: weather holds the string sunny after main, whatever it held before
import type Redis from 'ioredis';

// Values are stored byte for byte: 'Sunny' is not 'sunny'.
export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'Sunny');
  return redis.get('weather');
}
