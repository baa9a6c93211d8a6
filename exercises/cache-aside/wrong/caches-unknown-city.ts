// fails: a city without a forecast returns null and changes nothing
import type Redis from 'ioredis';

// Caches whatever the source answered, even nothing: an empty string for an unknown city.
export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  await redis.set(key, forecast ?? '', 'EX', 60);
  return forecast;
}
