// fails: on a miss, getForecast returns the forecast from db:forecasts
import type Redis from 'ioredis';

// Tests truthiness, not null: an empty forecast is never a hit, and the source's empty one
// is turned into null.
export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast) await redis.set(key, forecast, 'EX', 60);
  return forecast || null;
}
