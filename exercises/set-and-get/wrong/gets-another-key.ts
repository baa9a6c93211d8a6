// fails: main reads weather back with GET after writing it
import type Redis from 'ioredis';

// Reads a key it never wrote, then falls back on the string it typed.
export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  const today = await redis.get('weather:today');
  return today ?? 'sunny';
}
