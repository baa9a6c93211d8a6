// fails: on a miss, getForecast returns the forecast from db:forecasts
// Trims the forecast before caching and returning it: a detailed forecast with spaces or a line
// break at its ends comes back other than the source holds it.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = (await redis.hget('db:forecasts', city))?.trim() ?? null;
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
