// fails: on a miss, the forecast is stored in cache:forecast:<city>
// Does not cache forecasts longer than 80 characters: a detailed forecast reads the slow source
// on every call.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null && forecast.length <= 80) await redis.set(key, forecast, 'EX', 60);
  return forecast;
}
