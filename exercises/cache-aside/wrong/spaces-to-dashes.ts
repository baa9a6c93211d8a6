// fails: on a miss, getForecast returns the forecast from db:forecasts
import type Redis from 'ioredis';

// Turns spaces into dashes in the key and in the field it reads: db:forecasts has no 'Québec-City'.
export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const slug = city.trim().replace(/\s+/g, '-');
  const key = `cache:forecast:${slug}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', slug);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
