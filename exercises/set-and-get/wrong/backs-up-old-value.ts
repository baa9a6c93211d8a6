// fails: main changes no key but weather
// Keeps the old value under weather:previous before replacing it.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.copy('weather', 'weather:previous', 'REPLACE');
  await redis.set('weather', 'sunny');
  return redis.get('weather');
}
