// fails: a hit returns the cached forecast, even when db:forecasts differs
import type Redis from 'ioredis';

// Fills the cache but never looks in it: every call goes to the slow source.
export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast !== null) await redis.set(`cache:forecast:${city}`, forecast, 'EX', 60);
  return forecast;
}
