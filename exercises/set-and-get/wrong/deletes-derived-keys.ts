// fails: main changes no key but weather
// Deletes keys it takes for stale copies of the weather: other code owns them, even when
// they are missing at the time.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  await redis.del('weather:forecast', 'weather:history');
  return redis.get('weather');
}
