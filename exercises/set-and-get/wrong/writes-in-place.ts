// fails: weather holds the string sunny after main, whatever it held before
// SETRANGE writes over the start of the old value and leaves its tail: 'stormy' becomes 'sunnyy'.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.setrange('weather', 0, 'sunny');
  return redis.get('weather');
}
