// fails: on a miss, the forecast is stored in cache:forecast:<city>
// Does not cache forecasts over 1,000 characters ("too big for a cache"): the statement says to cache every forecast, however long.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null && forecast.length <= 1_000) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
