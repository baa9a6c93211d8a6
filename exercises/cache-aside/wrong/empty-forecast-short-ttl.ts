// fails: the cached forecast expires after 60 seconds
// Caches an empty forecast for 5 seconds only, as if it were a glitch: an empty forecast is a
// forecast like any other, kept for 60 seconds.
import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.get(key);
  if (cached !== null) return cached;
  const forecast = await redis.hget('db:forecasts', city);
  if (forecast === null) return null;
  // An empty forecast is probably a glitch upstream: keep it only briefly.
  await redis.set(key, forecast, 'EX', forecast === '' ? 5 : 60);
  return forecast;
}
