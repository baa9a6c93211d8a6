// fails: a hit returns the cached forecast, even when db:forecasts differs
// Parses a cached copy as JSON when it can ("to restore its type"): a forecast such as "21" or "null" comes back as a number or null, not as the string cached.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) {
    try {
      return JSON.parse(cached) as string | null;
    } catch {
      return cached;
    }
  }
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
