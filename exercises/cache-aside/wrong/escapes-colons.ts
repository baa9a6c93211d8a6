// fails: on a miss, the forecast is stored in cache:forecast:<city>
// Replaces ':' in the city's name with '_' in the cache key, a key nobody else reads.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city.replaceAll(':', '_')}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
