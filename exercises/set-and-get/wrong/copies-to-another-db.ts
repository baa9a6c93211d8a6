// fails: main changes no key but weather
// Keeps a copy of the weather in database 1, over whatever another program kept there.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  await redis.copy('weather', 'weather', 'DB', 1, 'REPLACE');
  return redis.get('weather');
}
