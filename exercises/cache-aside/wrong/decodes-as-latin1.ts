// fails: on a miss, getForecast returns the forecast from db:forecasts
// Reads raw bytes and decodes them as 'binary' (latin1) "to keep them exact": a forecast with °, é or an emoji comes back garbled.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.getBuffer(key);
  if (cached !== null) return cached.toString('binary');
  const forecast = await redis.hgetBuffer('db:forecasts', city);
  if (forecast === null) return null;
  await redis.set(key, forecast, 'EX', 60);
  return forecast.toString('binary');
}
