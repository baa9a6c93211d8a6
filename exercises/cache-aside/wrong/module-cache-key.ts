// fails: calls for different cities at the same time each return and cache their own forecast
// Keeps the cache key in a module variable, read again after an await: a call for another city that starts meanwhile changes it, and this one stores its forecast under that city's key.
import type Redis from 'ioredis';

let cacheKey = '';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  cacheKey = `cache:forecast:${city}`;
  const cached = await redis.get(cacheKey);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(cacheKey, forecast, 'EX', 60);
  return forecast;
}
