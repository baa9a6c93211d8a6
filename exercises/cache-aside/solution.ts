import type Redis from 'ioredis';

const CACHE_SECONDS = 60;

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const cacheKey = `cache:forecast:${city}`;
  const cached = await redis.get(cacheKey);
  if (cached !== null) return cached;

  const forecast = await redis.hget('db:forecasts', city);
  // A city the source does not know is not cached: there is nothing to keep.
  if (forecast !== null) await redis.set(cacheKey, forecast, 'EX', CACHE_SECONDS);
  return forecast;
}
