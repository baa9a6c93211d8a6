// fails: on a miss, getForecast returns the forecast from db:forecasts
import type Redis from 'ioredis';

// The EXPIRE is sent but not awaited: getForecast returns before Redis has set the TTL.
export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) {
    await redis.set(key, forecast);
    redis.expire(key, 60);
  }
  return forecast;
}
