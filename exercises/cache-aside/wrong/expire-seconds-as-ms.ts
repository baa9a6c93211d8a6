// fails: the cached forecast expires after 60 seconds
import type Redis from 'ioredis';

// Thinks EX counts milliseconds: 60000 seconds is nearly 17 hours.
export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60_000);
  return forecast;
}
