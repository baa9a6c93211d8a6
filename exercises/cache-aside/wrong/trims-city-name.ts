// fails: on a miss, the forecast is stored in cache:forecast:<city>
// Trims the city's name and collapses its spaces, so ' Oslo' reads and caches another city's
// field and key than the one named.
import type Redis from 'ioredis';

const clean = (city: string) => city.trim().replace(/\s+/g, ' ');

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const name = clean(city);
  const key = `cache:forecast:${name}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', name);
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
