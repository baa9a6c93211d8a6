// fails: a city without a forecast returns null and changes nothing
// When the source has no field for the city, tries its lower-case name too: it returns (and caches) another city's forecast instead of null.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast =
    (await redis.hget('db:forecasts', city)) ??
    (await redis.hget('db:forecasts', city.toLowerCase()));
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
