// fails: the cached forecast expires after 60 seconds
import type Redis from 'ioredis';

// PX counts milliseconds: the copy is gone 60 ms later, so nearly every call misses.
export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(key, forecast, 'PX', 60);
  return forecast;
}
