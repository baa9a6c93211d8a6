// fails: main returns what GET weather answered
import type Redis from 'ioredis';

// Reads first, then writes: it returns what weather held before, not what it holds now.
export async function main(redis: Redis): Promise<string | null> {
  const weather = await redis.get('weather');
  await redis.set('weather', 'sunny');
  return weather ?? 'sunny';
}
