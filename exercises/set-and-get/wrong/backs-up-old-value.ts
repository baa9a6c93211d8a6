// fails: main changes no key but weather
// Keeps the old value under weather:previous before replacing it.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  const previous = await redis.getset('weather', 'sunny');
  if (previous !== null) await redis.set('weather:previous', previous);
  return redis.get('weather');
}
