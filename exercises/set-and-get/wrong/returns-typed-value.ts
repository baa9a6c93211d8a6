// fails: main reads weather back with GET after writing it
import type Redis from 'ioredis';

// Returns the string it typed, not what Redis holds: it would say 'sunny' even if the write failed.
export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  return 'sunny';
}
