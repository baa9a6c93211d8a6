// fails: on a miss, db:forecasts is read for the city's field only
import type Redis from 'ioredis';

// Loads every forecast of the slow source to use one of them.
export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const all = await redis.hgetall('db:forecasts');
  const forecast = all[city] ?? null;
  if (forecast !== null) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
