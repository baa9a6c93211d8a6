// fails: main returns what GET weather answered
// Turns an empty reply into null (|| null): when another client stored '', GET answered '' and main must return it.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  return (await redis.get('weather')) || null;
}
