// fails: weather holds the string sunny after main, whatever it held before
import type Redis from 'ioredis';

// Reads first, then writes: it returns what weather held before, not what it holds now, and
// its GET refuses a weather that holds a hash.
export async function main(redis: Redis): Promise<string | null> {
  const weather = await redis.get('weather');
  await redis.set('weather', 'sunny');
  return weather ?? 'sunny';
}
