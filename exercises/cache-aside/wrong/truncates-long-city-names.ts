// fails: on a miss, the forecast is stored in cache:forecast:<city>
// Cuts the city's name to 40 characters to keep keys short: two long names sharing a beginning share a cache key.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city.slice(0, 40)}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
