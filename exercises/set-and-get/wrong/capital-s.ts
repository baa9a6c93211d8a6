// fails: weather holds the value sunny
import type Redis from 'ioredis';

// Values are stored byte for byte: 'Sunny' is not 'sunny'.
export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'Sunny');
  return redis.get('weather');
}
